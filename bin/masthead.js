#!/usr/bin/env node
// The `masthead` command. Builds the TypeScript sources first when they changed since the last
// build (so `npm start` works straight after `npm install`), then runs the compiled CLI.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, isBuildStale } from '../scripts/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (isBuildStale()) build();
await import(pathToFileURL(join(root, 'dist', 'src', 'cli', 'main.js')).href);
