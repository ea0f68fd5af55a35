#!/usr/bin/env node
// Peak memory of `masthead import ghost` on a generated Ghost export (default 200,000 posts,
// Lexical bodies, tags and two authors each) into a fresh SQLite database in a temp folder
// (issue #15: a 200,000-post export imports with peak RSS under 500 MB). The export is written
// as a stream, like Ghost's own exporter output (`{"db":[{"meta","data":{…}}]}`), with the
// small tables after `posts` as Ghost writes them. Prints the file size, the import's time and
// its peak resident memory (VmHWM), and that peak as a ratio to the file's size. Usage:
//   node bench/ghost-import-memory.mjs [--posts 200000] [--database-url postgres://…]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearInterval, setInterval } from 'node:timers';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '200000' },
    'database-url': { type: 'string' },
    // Flags for the import's node process only, e.g. --node-arg=--trace-gc (NODE_OPTIONS refuses some).
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const posts = Number(args.posts);
const dir = mkdtempSync(join(tmpdir(), 'masthead-ghost-bench-'));
const file = join(dir, 'ghost-export.json');

const hex = (n, width = 24) => n.toString(16).padStart(width, '0');
const words = 'harbour council ferry tide storm market wall budget regatta night desk quay'.split(
  ' ',
);
const sentence = (i, j) =>
  Array.from({ length: 14 }, (_, k) => words[(i * 7 + j * 3 + k) % words.length]).join(' ') + '.';
const lexical = (i) =>
  JSON.stringify({
    root: {
      type: 'root',
      version: 1,
      children: Array.from({ length: 6 }, (_, j) => ({
        type: j === 2 ? 'heading' : 'paragraph',
        ...(j === 2 ? { tag: 'h2' } : {}),
        version: 1,
        children: [
          {
            type: 'text',
            version: 1,
            format: j === 1 ? 1 : 0,
            text: `${sentence(i, j)} ${sentence(i, j + 1)}`,
          },
        ],
      })),
    },
  });

async function generate() {
  const out = createWriteStream(file);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"db":[{"meta":{"exported_on":1760000000000,"version":"5.130.6"},"data":{"posts":[');
  const start = Date.parse('2016-01-01T00:00:00Z');
  for (let i = 0; i < posts; i += 1) {
    const at = new Date(start + i * 600_000).toISOString().replace('T', ' ').slice(0, 19);
    await write(
      (i === 0 ? '' : ',') +
        JSON.stringify({
          id: hex(i + 1),
          uuid: `00000000-0000-4000-8000-${hex(i + 1, 12)}`,
          title: `Story ${i}: ${sentence(i, 0).slice(0, 60)}`,
          slug: `story-${i}`,
          mobiledoc: null,
          lexical: lexical(i),
          html: null,
          plaintext: null,
          feature_image: null,
          featured: i % 50 === 0 ? 1 : 0,
          type: 'post',
          status: i % 20 === 0 ? 'draft' : 'published',
          visibility: i % 10 === 0 ? 'members' : 'public',
          created_at: at,
          updated_at: at,
          published_at: i % 20 === 0 ? null : at,
          custom_excerpt: null,
          canonical_url: null,
        }),
    );
  }
  await write('],"users":[');
  for (let u = 0; u < 20; u += 1)
    await write(
      (u === 0 ? '' : ',') +
        JSON.stringify({
          id: hex(900000 + u),
          name: `Reporter ${u}`,
          slug: `reporter-${u}`,
          email: `reporter${u}@example.org`,
          status: 'active',
        }),
    );
  await write('],"roles":[{"id":"r1","name":"Author"}],"roles_users":[');
  for (let u = 0; u < 20; u += 1)
    await write(
      (u === 0 ? '' : ',') +
        JSON.stringify({ id: `ru${u}`, role_id: 'r1', user_id: hex(900000 + u) }),
    );
  await write('],"tags":[');
  for (let t = 0; t < 30; t += 1)
    await write(
      (t === 0 ? '' : ',') +
        JSON.stringify({
          id: hex(800000 + t),
          name: `Section ${t}`,
          slug: `section-${t}`,
          visibility: 'public',
        }),
    );
  await write('],"posts_tags":[');
  for (let i = 0; i < posts; i += 1)
    await write(
      (i === 0 ? '' : ',') +
        JSON.stringify({
          id: `pt${i}`,
          post_id: hex(i + 1),
          tag_id: hex(800000 + (i % 30)),
          sort_order: 0,
        }),
    );
  await write('],"posts_authors":[');
  for (let i = 0; i < posts; i += 1)
    await write(
      (i === 0 ? '' : ',') +
        JSON.stringify({
          id: `pa${i}a`,
          post_id: hex(i + 1),
          author_id: hex(900000 + (i % 20)),
          sort_order: 0,
        }) +
        ',' +
        JSON.stringify({
          id: `pa${i}b`,
          post_id: hex(i + 1),
          author_id: hex(900000 + ((i + 1) % 20)),
          sort_order: 1,
        }),
    );
  await write('],"newsletters":[],"settings":[]}}]}');
  out.end();
  await once(out, 'finish');
}

/** Peak resident set of a running process, from /proc (Linux): VmHWM in kB. */
const peakKb = (pid) => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
};

const generatedAt = Date.now();
await generate();
const size = statSync(file).size;
console.log(
  `export: ${posts.toLocaleString('en-US')} posts, ${(size / 1e6).toFixed(0)} MB, written in ${((Date.now() - generatedAt) / 1000).toFixed(0)} s`,
);

const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_ENV: 'production',
  SECRET_KEYS: randomBytes(32).toString('base64url'),
  PUBLIC_URL: 'http://127.0.0.1:3000',
  DATABASE_URL: args['database-url'] ?? join(dir, 'masthead.db'),
  MEDIA_DIR: join(dir, 'media'),
  LOG_LEVEL: 'warn',
  DEMO: 'off',
  // Passed through, e.g. NODE_OPTIONS=--max-old-space-size=256 to see what is live, not garbage.
  NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
};
// Migrations first (a separate process), so the import's peak is the import's own.
await once(
  spawn(process.execPath, [join(root, 'bin', 'masthead.js'), 'migrate'], { env, stdio: 'inherit' }),
  'exit',
);
const started = Date.now();
const importArgs = [...args['node-arg'], join(root, 'bin', 'masthead.js'), 'import', 'ghost', file];
const child = spawn(process.execPath, importArgs, {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, peakKb(child.pid));
}, 100);
let report = '';
child.stdout.on('data', (chunk) => {
  report += chunk;
  // With node flags (e.g. --trace-gc, which writes to stdout), show everything on stderr too.
  if (args['node-arg'].length > 0) process.stderr.write(chunk);
});
const [code] = await once(child, 'exit');
clearInterval(timer);
const seconds = (Date.now() - started) / 1000;
console.log(report.split('\n').slice(0, 8).join('\n'));
console.log(
  `import: exit ${code}, ${seconds.toFixed(0)} s (${Math.round(posts / seconds).toLocaleString('en-US')} posts/s), ` +
    `peak RSS ${(peak / 1024).toFixed(0)} MB = ${((peak * 1024) / size).toFixed(2)} × the export's size`,
);
rmSync(dir, { recursive: true, force: true });
