import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { compileWithCatalog, type MappingPlan } from '../../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';
import { examples, type Example } from '../../../examples/src/examples';

/** The real HL7 v2 samples (../shared/reference/hl7v2-samples; vitest runs from the repo root). */
export const samplesDir = path.resolve(process.cwd(), '../shared/reference/hl7v2-samples');
export const sampleFiles = (): string[] => readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort();
export const readSample = (name: string, folder?: string): string => readFileSync(folder === undefined ? path.join(samplesDir, name) : path.resolve(process.cwd(), folder, name), 'utf8');

/** The example saved as `file` (e.g. examples/adt-a01-to-fhir.crosswalk.json); throws when examples.ts has none. */
export function exampleByFile(file: string): Example {
  const example = examples.find((e) => e.file === file);
  if (example === undefined) throw new Error(`${file} is missing from examples/src/examples.ts`);
  return example;
}

/** The example's compiled plan and a FHIR validator for the resource types it writes, on the shared node catalog. */
export async function prepareExample(example: Example): Promise<{ plan: MappingPlan; validator: FhirValidator }> {
  const { plan, validator } = await compileWithCatalog(example.build(), nodeSchemaCatalog(), { validate: true });
  if (validator === undefined) throw new Error('compileWithCatalog with validate gave no validator');
  return { plan, validator };
}
