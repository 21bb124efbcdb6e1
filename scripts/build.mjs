// Builds what the runtime needs: the bundled CLI and library (dist/) and the compact schema
// indexes (generated/), so neither start-up nor the CLI parses the standards' 90 MB of JSON.
// Each step is a module in scripts/build/ exporting `build(root)`; steps run in name order.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stepsDir = join(root, 'scripts', 'build');
const only = process.argv.slice(2);
for (const file of readdirSync(stepsDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const name = file.replace(/^\d+-/, '').replace(/\.mjs$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  const step = await import(pathToFileURL(join(stepsDir, file)).href);
  await step.build(root);
  console.error(`build: ${name} (${Date.now() - started} ms)`);
}
