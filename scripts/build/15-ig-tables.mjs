// Builds the compact HL7 v2-to-FHIR IG tables the importer reads (generated/ig/v2-to-fhir-ig.json)
// from the CSVs shipped in data/v2-to-fhir-ig/. The reader is TypeScript shared with the engine
// (shared/node/ig/buildIgTables.ts, one CSV reader for the product), so it is bundled by esbuild
// in memory, with its npm dependencies (a data: module cannot resolve them), and run from there.
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';

export async function build(root) {
  const bundled = await esbuild({
    entryPoints: [join(root, 'shared', 'node', 'ig', 'buildIgTables.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const code = bundled.outputFiles[0].text;
  const { buildIgTables } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  buildIgTables(root, code);
}
