#!/usr/bin/env node
// The `masthead` command. Builds the TypeScript sources first when they changed since the last
// build (so `npm start` works straight after `npm install`), then runs the compiled CLI.
// A production install (`npm ci --omit=dev`) has no build tools: it runs the tree it was
// shipped with, built beforehand (docs/deployment.md).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, hasBuildTools, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
if (isBuildStale()) {
  if (hasBuildTools()) build();
  else if (existsSync(cli)) {
    process.stderr.write(
      'masthead: sources are newer than dist/, but this install has no build tools (devDependencies); running the build it has\n',
    );
  } else {
    process.stderr.write(
      'masthead: dist/ is missing and this install has no build tools: run `npm ci && npm run build` where devDependencies are installed, then ship the built tree (docs/deployment.md)\n',
    );
    process.exit(1);
  }
}
await import(pathToFileURL(cli).href);
