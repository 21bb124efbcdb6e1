// Writes the example bundle files from their sources: `node --import tsx examples/src/writeExamples.ts`
// (add --update-expected to take the engine's current outputs as the expected test results, then
// review the diff). test/unit/examples/exampleBundles.test.ts fails when a committed file is stale.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBundle } from '../../shared/common/bundle/index';
import { compileWithCatalog } from '../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';
import { buildExampleBundle, testInputs } from './buildExampleBundle';
import { examples } from './examples';

const root = resolve(import.meta.dirname, '../..');
const fresh = process.argv.includes('--update-expected');
const catalog = nodeSchemaCatalog();

for (const example of examples) {
  const path = resolve(root, example.file);
  // Only a missing file means "no reviewed expected outputs yet". A file that exists but does not
  // load (hand-edited, hash broken) stops the run: silently taking the engine's current outputs
  // would replace reviewed expectations without anyone noticing.
  const previous = existsSync(path) ? loadBundle(readFileSync(path, 'utf8'), example.file).content.tests : undefined;
  const inputs = testInputs(example, (name, folder) => readFileSync(resolve(root, folder, name), 'utf8'));
  const { plan } = await compileWithCatalog(example.build(), catalog);
  const text = buildExampleBundle(example, inputs, plan, previous, fresh);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
  process.stdout.write(`wrote ${example.file}\n`);
}
