import { beforeAll, describe, expect, test } from 'vitest';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { executeMapping, type MappingPlan } from '../../../shared/common/mapping/index';
import { exampleByFile, prepareExample, readSample, sampleFiles } from './exampleFixture';

// The ORU example over every real sample: ORU messages give Bundles with no FHIR validation
// error, one Observation per OBX and a DiagnosticReport only for single-order messages.
const files = sampleFiles();
const example = exampleByFile('examples/oru-r01-to-observations.crosswalk.json');
let plan: MappingPlan;
let validator: FhirValidator;

beforeAll(async () => ({ plan, validator } = await prepareExample(example)));

const read = readSample;
const segments = (text: string, id: string): number => parseHl7(text).segmentsById(id).length;
const oruFiles = files.filter((f) => parseHl7(read(f)).get('MSH-9.1') === 'ORU');

test('the reference folder has five ORU samples', () => {
  expect(oruFiles).toEqual([
    'fhirconverter_LAB-ORU-1.hl7', 'fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7', 'fhirconverter_ORU-R01-01.hl7',
    'fhirconverter_ORU-R01-RMGEAD.hl7', 'lfh_ORU-multiline-short-mixed.hl7',
  ]);
});

describe.each(oruFiles)('ORU sample %s', (file) => {
  test('maps with no FHIR R4 validation error: Patient, one Observation per OBX, a report for a single order', () => {
    const text = read(file);
    const bundle = JSON.parse(JSON.stringify(executeMapping(plan, parseHl7(text)).bundle)) as { entry: { resource: { resourceType: string; result?: unknown[] } }[] };
    expect(validator.validate(bundle)).toEqual([]);
    const types = bundle.entry.map((e) => e.resource.resourceType);
    const obx = segments(text, 'OBX');
    const single = segments(text, 'OBR') === 1;
    expect(types).toEqual(['Patient', ...Array<string>(obx).fill('Observation'), ...(single ? ['DiagnosticReport'] : [])]);
    if (single) expect(bundle.entry[bundle.entry.length - 1].resource.result).toHaveLength(obx);
  });
});

test.each(files.filter((f) => !oruFiles.includes(f)))('non-ORU sample %s fails with VALUEMAP_UNMAPPED', (file) => {
  const text = read(file);
  expect(() => executeMapping(plan, parseHl7(text))).toThrow(expect.objectContaining({ code: 'VALUEMAP_UNMAPPED' }));
});
