// Writes docs/fhir/StructureDefinition-*.json, the published definitions of the extensions a value
// map's ConceptMap carries (its review), from shared/common/valuemaps/reviewExtensionDefinitions.ts.
// reviewExport.test.ts fails when a file is stale or is not valid FHIR R4.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { reviewExtensionFiles } from '../shared/common/valuemaps/reviewExtensionDefinitions';

const dir = resolve(import.meta.dirname, '../docs/fhir');
mkdirSync(dir, { recursive: true });
for (const { file, text } of reviewExtensionFiles()) {
  const path = resolve(dir, file);
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  console.log(`wrote ${path}`);
}
