import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { WxrItem, WxrRecord } from './wxr-records.js';
import { readWxr, WxrFormatError } from './wxr-reader.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/wordpress');

async function readAll(input: Readable): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  for await (const record of readWxr(input)) records.push(record);
  return records;
}

const fromFile = (name: string) =>
  readAll(createReadStream(join(fixtures, name), { highWaterMark: 512 }));
const fromText = (xml: string) => readAll(Readable.from([Buffer.from(xml)]));

const itemsOf = (records: WxrRecord[]) =>
  new Map(
    records.flatMap((record) => (record.kind === 'item' ? [[record.postId, record] as const] : [])),
  );

describe('readWxr', () => {
  it('reads the site, authors, categories, tags and terms of a WXR 1.2 export', async () => {
    const records = await fromFile('harbour-gazette.wxr.xml');
    expect(records[0]).toEqual({
      kind: 'site',
      title: 'Harbour Gazette',
      link: 'https://harbour-gazette.example',
      description: 'News from the quay',
      language: 'en-GB',
      wxrVersion: '1.2',
      baseSiteUrl: 'https://harbour-gazette.example',
      baseBlogUrl: 'https://harbour-gazette.example',
    });
    expect(records.filter((r) => r.kind === 'author')).toEqual([
      {
        kind: 'author',
        authorId: 1,
        login: 'mira',
        email: 'mira@harbour-gazette.example',
        displayName: 'Mira Quayle',
        firstName: 'Mira',
        lastName: 'Quayle',
      },
      {
        kind: 'author',
        authorId: 2,
        login: 'tomas',
        email: 'tomas@harbour-gazette.example',
        displayName: 'Tomás Rope',
        firstName: 'Tomás',
        lastName: 'Rope',
      },
    ]);
    expect(records.filter((r) => r.kind === 'category')).toEqual([
      {
        kind: 'category',
        termId: 2,
        nicename: 'news',
        parent: null,
        name: 'News',
        description: 'What happened',
      },
      {
        kind: 'category',
        termId: 4,
        nicename: 'local',
        parent: 'news',
        name: 'Local & Quay',
        description: '',
      },
      {
        kind: 'category',
        termId: 5,
        nicename: 'sport',
        parent: null,
        name: 'Sport',
        description: '',
      },
    ]);
    expect(
      records
        .filter((r) => r.kind === 'tag')
        .map((r) => r.kind === 'tag' && [r.slug, r.description]),
    ).toEqual([
      ['harbour', ''],
      ['ferries', 'Boats that carry people'],
    ]);
    expect(records.filter((r) => r.kind === 'term')).toEqual([
      {
        kind: 'term',
        termId: 20,
        taxonomy: 'nav_menu',
        slug: 'main-menu',
        parent: null,
        name: 'Main menu',
        description: '',
      },
      {
        kind: 'term',
        termId: 21,
        taxonomy: 'post_format',
        slug: 'post-format-gallery',
        parent: null,
        name: 'Gallery',
        description: '',
      },
    ]);
    expect(records.some((r) => r.kind === 'skipped')).toBe(false);
  });

  it('reads items of every type and status with their terms, meta and comment count', async () => {
    const items = itemsOf(await fromFile('harbour-gazette.wxr.xml'));
    expect([...items.values()].map((item) => [item.postId, item.postType, item.status])).toEqual([
      [100, 'attachment', 'inherit'],
      [102, 'attachment', 'inherit'],
      [101, 'post', 'publish'],
      [103, 'post', 'publish'],
      [104, 'post', 'draft'],
      [105, 'post', 'future'],
      [106, 'post', 'private'],
      [107, 'post', 'pending'],
      [108, 'page', 'publish'],
      [109, 'page', 'publish'],
      [110, 'nav_menu_item', 'publish'],
    ]);
    const tides = items.get(101) as WxrItem;
    expect(tides).toMatchObject({
      title: 'Tides rise over the quay',
      link: 'https://harbour-gazette.example/2026/11/02/tides-rise/',
      creator: 'mira',
      guid: 'https://harbour-gazette.example/?p=101',
      excerpt: 'The quay flooded; the wall held.',
      postDate: '2026-11-02 08:30:00',
      postDateGmt: '2026-11-02 08:30:00',
      postModifiedGmt: '2026-11-03 12:00:00',
      postName: 'tides-rise',
      isSticky: true,
      commentCount: 2,
      categories: [
        { domain: 'category', nicename: 'local', name: 'Local & Quay' },
        { domain: 'post_tag', nicename: 'harbour', name: 'Harbour' },
        { domain: 'post_tag', nicename: 'ferries', name: 'Ferries' },
      ],
      postmeta: [
        { key: '_thumbnail_id', value: '100' },
        { key: '_edit_last', value: '1' },
      ],
    });
    // A literal "]]>" is written as two CDATA sections; the reader joins them.
    expect(tides.content).toContain('if (a ]]> b) stop.');
    expect(tides.content.startsWith('The spring tide came in')).toBe(true);
    expect(items.get(100)).toMatchObject({
      attachmentUrl: 'https://harbour-gazette.example/wp-content/uploads/2026/11/harbour-dawn.jpg',
      postParent: 101,
    });
    expect(items.get(104)).toMatchObject({
      postDateGmt: null,
      postDate: '2026-11-20 15:00:00',
      postName: '',
    });
    expect(items.get(107)).toMatchObject({ postPassword: 'anchor', isSticky: false });
    expect(items.get(109)).toMatchObject({ postParent: 108, menuOrder: 2 });
    expect(items.get(110)?.categories).toEqual([
      { domain: 'nav_menu', nicename: 'main-menu', name: 'Main menu' },
    ]);
    expect(items.get(103)?.content).toContain('<!-- wp:group');
  });

  it('reads WXR 1.1 with https namespaces', async () => {
    const records = await fromFile('harbour-gazette-1.1-https.wxr.xml');
    expect(records.map((r) => r.kind)).toEqual(['site', 'author', 'category', 'item']);
    expect(records[0]).toMatchObject({
      wxrVersion: '1.1',
      baseBlogUrl: 'https://archive.harbour-gazette.example',
    });
    expect(records[3]).toMatchObject({
      postId: 11,
      content: 'The keeper climbed the stairs at dusk.\n\nNobody in town slept that night.',
    });
  });

  it('takes the version from the namespace when wxr_version is missing, and reports bad items', async () => {
    const records = await fromText(
      `<rss xmlns:wp="https://wordpress.org/export/1.2/"><channel><title>T</title>
        <item><title>No id</title><wp:post_type>post</wp:post_type></item>
        <item><wp:post_id>5</wp:post_id><wp:post_date>yesterday</wp:post_date></item>
        <item><wp:post_id>6</wp:post_id></item></channel></rss>`,
    );
    expect(records[0]).toMatchObject({ kind: 'site', wxrVersion: '1.2', title: 'T' });
    expect(records[1]).toMatchObject({ kind: 'skipped', element: 'item', line: 2 });
    expect(records[2]).toMatchObject({
      kind: 'skipped',
      problems: [expect.stringContaining('postDate')],
    });
    expect(records[3]).toMatchObject({ kind: 'item', postId: 6, postType: 'post', status: '' });
  });

  it('reads HTML named entities that older exporters wrote outside CDATA', async () => {
    const records = await fromText(
      `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>Quay&nbsp;&amp; pier &mdash; live</title><wp:post_id>3</wp:post_id></item></channel></rss>`,
    );
    expect(records[1]).toMatchObject({ postId: 3, title: 'Quay\u00a0& pier \u2014 live' });
  });

  it('ignores elements of other namespaces that share a local name', async () => {
    const records = await fromText(
      `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:x="urn:other"><channel>
        <item><wp:post_id>9</wp:post_id><x:post_name>wrong</x:post_name><wp:post_name>right</wp:post_name></item></channel></rss>`,
    );
    expect(records[1]).toMatchObject({ postId: 9, postName: 'right' });
  });

  it('fails with the line and column of malformed XML', async () => {
    const xml =
      '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n<item><wp:post_id>1</wp:post_ids></item>';
    const error = await fromText(xml).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WxrFormatError);
    expect(error).toMatchObject({ line: 2 });
    expect((error as Error).message).toMatch(/line 2, column \d+/);
  });

  it('refuses a file that is not an RSS export', async () => {
    await expect(fromText('<html><body>hi</body></html>')).rejects.toThrow(
      /not a WordPress export/,
    );
  });

  it('streams a large export item by item', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'wxr-'));
    try {
      const path = join(directory, 'large.xml');
      const out = createWriteStream(path);
      out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big</title><wp:wxr_version>1.2</wp:wxr_version>\n',
      );
      for (let id = 1; id <= 20_000; id += 1) {
        const body = `<p>Story ${id} ${'é'.repeat(id % 50)}</p>`;
        if (
          !out.write(
            `<item><title>Story ${id}</title><content:encoded><![CDATA[${body}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>\n`,
          )
        ) {
          await new Promise<void>((resolve) => {
            out.once('drain', () => resolve());
          });
        }
      }
      out.end('</channel></rss>\n');
      await finished(out);
      let count = 0;
      let last: WxrItem | undefined;
      for await (const record of readWxr(createReadStream(path, { highWaterMark: 16 * 1024 }))) {
        if (record.kind === 'item') {
          count += 1;
          last = record;
        }
      }
      expect(count).toBe(20_000);
      expect(last).toMatchObject({
        postId: 20_000,
        content: `<p>Story 20000 ${'é'.repeat(0)}</p>`,
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
