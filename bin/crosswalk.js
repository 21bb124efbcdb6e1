#!/usr/bin/env node
// The CLI is bundled by `npm run build` (run on install) into dist/runtime/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/runtime/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('crosswalk: the CLI is not built yet; run `npm install` (or `npm run build`) in the Crosswalk folder.');
  process.exit(2);
}
await import(cli.href);
