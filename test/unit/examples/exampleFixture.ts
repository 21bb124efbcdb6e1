import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareFhirValidator, type FhirValidator } from '../../../shared/common/fhir/index';
import type { MappingPlan } from '../../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';
import { compileExample } from '../../../examples/src/buildExampleBundle';
import { examples, type Example } from '../../../examples/src/examples';

/** The real HL7 v2 samples (../shared/reference/hl7v2-samples; vitest runs from the repo root). */
export const samplesDir = path.resolve(process.cwd(), '../shared/reference/hl7v2-samples');
export const sampleFiles = (): string[] => readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort();
export const readSample = (name: string): string => readFileSync(path.join(samplesDir, name), 'utf8');

/** The example saved as `file` (e.g. examples/adt-a01-to-fhir.crosswalk.json); throws when examples.ts has none. */
export function exampleByFile(file: string): Example {
  const example = examples.find((e) => e.file === file);
  if (example === undefined) throw new Error(`${file} is missing from examples/src/examples.ts`);
  return example;
}

/** The example's compiled plan and a FHIR validator for its resource types, on the shared node catalog. */
export async function prepareExample(example: Example): Promise<{ plan: MappingPlan; validator: FhirValidator }> {
  const catalog = nodeSchemaCatalog();
  // The validator preloads the example's FHIR types, which compiling needs too.
  const validator = await prepareFhirValidator(catalog, example.resourceTypes);
  return { plan: compileExample(example, catalog), validator };
}
