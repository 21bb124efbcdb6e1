import { beforeAll, describe, expect, test } from 'vitest';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { executeMapping, type MappingPlan } from '../../../shared/common/mapping/index';
import { exampleByFile, prepareExample, readSample, sampleFiles } from './exampleFixture';

// The ORU example over every real sample: ORU messages give Bundles with no FHIR validation
// error, one Practitioner per responsible observer (OBX-16), one Observation per OBX, and one
// DiagnosticReport per order listing its own results.
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
  test('maps with no FHIR R4 validation error: Patient, a Practitioner per observer, one Observation per OBX, a report per OBR listing the OBX after it', () => {
    const text = read(file);
    const message = parseHl7(text);
    const bundle = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as { entry: { fullUrl: string; resource: { resourceType: string; result?: Array<{ reference: string }> } }[] };
    expect(validator.validate(bundle)).toEqual([]);
    const types = bundle.entry.map((e) => e.resource.resourceType);
    const obx = segments(text, 'OBX');
    const obr = segments(text, 'OBR');
    // Observers by their id (OBX-16.1), each once however many results name them.
    const observers = new Set(message.segmentsById('OBX').flatMap((s) => (s.fieldRaw(16) ?? '').split('~').map((r) => r.split('^')[0]).filter((id) => id !== '')));
    expect(types).toEqual(['Patient', ...Array<string>(observers.size).fill('Practitioner'), ...Array<string>(obx).fill('Observation'), ...Array<string>(obr).fill('DiagnosticReport')]);
    // Each report lists the Observations of its order: an independent count over the flat segments, where an
    // order starts at an ORC, or at an OBR that no ORC opened, and holds the OBX that follow until the next one.
    const observations = bundle.entry.filter((e) => e.resource.resourceType === 'Observation').map((e) => e.fullUrl);
    const reports = bundle.entry.filter((e) => e.resource.resourceType === 'DiagnosticReport');
    let o = 0;
    let opened = false;
    const expected: string[][] = [];
    for (const segment of message.segments) {
      if (segment.id === 'ORC' || (segment.id === 'OBR' && !opened)) expected.push([]);
      if (segment.id === 'ORC') opened = true;
      if (segment.id === 'OBR') opened = false;
      if (segment.id === 'OBX') {
        if (expected.length > 0) expected[expected.length - 1].push(observations[o]);
        o++;
      }
    }
    expect(reports.map((r) => (r.resource.result ?? []).map((x) => x.reference))).toEqual(expected);
  });
});

test.each(files.filter((f) => !oruFiles.includes(f)))('non-ORU sample %s is refused with MESSAGE_NOT_ACCEPTED naming its MSH-9', (file) => {
  const text = read(file);
  const msh9 = [parseHl7(text).get('MSH-9.1'), parseHl7(text).get('MSH-9.2')].join('^');
  expect(() => executeMapping(plan, parseHl7(text))).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_ACCEPTED', message: expect.stringContaining(`The message is ${msh9} `) }));
});
