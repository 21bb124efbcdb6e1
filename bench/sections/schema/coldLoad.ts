// Runs in a fresh process: times the first load of one schema through the Node catalog, so the
// figure includes reading and parsing the compact index files and building the tree.
import { performance } from 'node:perf_hooks';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';

const [what] = process.argv.slice(2);
const catalog = nodeSchemaCatalog();
const started = performance.now();
let nodes = 0;
const count = (node: { children?: unknown[] }): void => {
  nodes++;
  for (const child of (node.children ?? []) as { children?: unknown[] }[]) count(child);
};
if (what === 'adt') count(await catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' }));
else if (what === 'patient') count(await catalog.tree({ standard: 'fhir-r4', version: '4.0.1', structure: 'Patient' }));
else if (what === 'preload') {
  await catalog.preloadFhir(['Patient', 'Encounter', 'Observation']);
  nodes = catalog.fhirChildren('Patient').length;
} else throw new Error(`unknown case ${what}`);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, nodes }));
