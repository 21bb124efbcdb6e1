import { beforeAll, describe, expect, test } from 'vitest';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { parseHl7, type Hl7Message } from '../../../shared/common/hl7v2/index';
import { executeMapping, type MappingPlan } from '../../../shared/common/mapping/index';
import { exampleByFile, prepareExample, readSample, sampleFiles } from './exampleFixture';

// The ORU example over every real sample: ORU messages give Bundles with no FHIR validation
// error; one Practitioner per responsible observer (OBX-16); one Observation per OBX, each with a value or the reason it has none, and the notes
// that follow it; the performing organizations and directors OBX-23/25 name; one Specimen per
// SPM; one DiagnosticReport per order listing its own results and specimens, with its notes.
// The expectations are counted independently, over the message's flat segments.
const files = sampleFiles();
const example = exampleByFile('examples/oru-r01-to-observations.crosswalk.json');
let plan: MappingPlan;
let validator: FhirValidator;

beforeAll(async () => ({ plan, validator } = await prepareExample(example)));

const read = readSample;
const oruFiles = files.filter((f) => parseHl7(read(f)).get('MSH-9.1') === 'ORU');

interface Entry { fullUrl: string; resource: Record<string, unknown> & { resourceType: string } }

/** Per OBX (in order), and per OBR: how many valued NTEs follow it before the next OBX or OBR (other segments between do not end it). */
function notesAfter(message: Hl7Message): { obx: number[]; obr: number[] } {
  const obx: number[] = [];
  const obr: number[] = [];
  let owner: number[] | undefined;
  for (const segment of message.segments) {
    if (segment.id === 'OBX') owner = obx;
    else if (segment.id === 'OBR') owner = obr;
    else if (segment.id === 'PID') owner = undefined;
    if (segment.id === 'OBX' || segment.id === 'OBR') owner?.push(0);
    if (segment.id === 'NTE' && owner && segment.value(3) !== undefined) owner[owner.length - 1]++;
  }
  return { obx, obr };
}

const valued = (segment: { value(n: number, r?: number, c?: number): unknown }, field: number, ...components: number[]): boolean => components.some((c) => segment.value(field, 1, c) != null);

test('the reference folder has five ORU samples', () => {
  expect(oruFiles).toEqual([
    'fhirconverter_LAB-ORU-1.hl7', 'fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7', 'fhirconverter_ORU-R01-01.hl7',
    'fhirconverter_ORU-R01-RMGEAD.hl7', 'lfh_ORU-multiline-short-mixed.hl7',
  ]);
});

describe.each(oruFiles)('ORU sample %s', (file) => {
  const text = read(file);
  const message = parseHl7(text);
  let entries: Entry[];
  beforeAll(() => {
    const bundle = JSON.parse(JSON.stringify(executeMapping(plan, message).bundle)) as { entry: Entry[] };
    const issues = validator.validate(bundle);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    // BCP 13 (MIME types) cannot be expanded, so an Attachment's contentType is only warned about.
    expect(issues.filter((i) => i.expected !== 'http://hl7.org/fhir/ValueSet/mimetypes')).toEqual([]);
    entries = bundle.entry;
  });
  const of = (type: string) => entries.filter((e) => e.resource.resourceType === type);

  test('maps with no FHIR R4 validation error, one resource per segment that makes one, in the targets\' order', () => {
    const obx = message.segmentsById('OBX');
    // One resource per record (the targets merge the same identity): distinct observers (OBX-16.1),
    // organizations (OBX-23 and its address OBX-24), directors (OBX-25) and director roles.
    const distinct = (values: string[]): number => new Set(values).size;
    const raw = (s: (typeof obx)[number], field: number): string => s.fieldRaw(field) ?? '';
    const observers = distinct(obx.flatMap((s) => raw(s, 16).split('~').map((r) => r.split('^')[0]).filter((id) => id !== '')));
    const organizations = distinct(obx.filter((s) => valued(s, 23, 1, 3, 10)).map((s) => `${raw(s, 23)}|${raw(s, 24)}`));
    const directors = distinct(obx.filter((s) => valued(s, 25, 1, 2)).map((s) => raw(s, 25)));
    const roles = distinct(obx.filter((s) => valued(s, 25, 1, 2)).map((s) => `${raw(s, 25)}|${raw(s, 23)}|${raw(s, 24)}`));
    expect(entries.map((e) => e.resource.resourceType)).toEqual([
      'Patient', ...Array<string>(observers).fill('Practitioner'), ...Array<string>(obx.length).fill('Observation'),
      ...Array<string>(organizations).fill('Organization'), ...Array<string>(directors).fill('Practitioner'), ...Array<string>(roles).fill('PractitionerRole'),
      ...Array<string>(distinct(message.segmentsById('SPM').map((spm) => spm.toString()))).fill('Specimen'), ...Array<string>(message.segmentsById('OBR').length).fill('DiagnosticReport'),
    ]);
  });

  test('no Observation lacks both a value and the reason it has none', () => {
    for (const { resource } of of('Observation')) {
      const hasValue = Object.keys(resource).some((k) => k.startsWith('value')) || resource.component !== undefined || resource.extension !== undefined;
      expect(hasValue || resource.dataAbsentReason !== undefined || ['registered', 'cancelled', 'entered-in-error'].includes(resource.status as string)).toBe(true);
    }
  });

  test('each Observation has the notes of the NTEs after its OBX; each report those after its OBR', () => {
    const { obx, obr } = notesAfter(message);
    expect(of('Observation').map((e) => (e.resource.note as unknown[] | undefined)?.length ?? 0)).toEqual(obx);
    expect(of('DiagnosticReport').map((e) => (e.resource.extension as unknown[] | undefined)?.length ?? 0)).toEqual(obr);
  });

  test('each report lists the Observations and Specimens of its own order', () => {
    // An order starts at an ORC, or at an OBR that no ORC opened, and holds the OBX and SPM that follow until the next one.
    const observations = of('Observation').map((e) => e.fullUrl);
    const specimens = of('Specimen').map((e) => e.fullUrl);
    const results: string[][] = [];
    const held: string[][] = [];
    let o = 0;
    let s = 0;
    const specimenOf = new Map<string, string>();
    let opened = false;
    for (const segment of message.segments) {
      if (segment.id === 'ORC' || (segment.id === 'OBR' && !opened)) {
        results.push([]);
        held.push([]);
      }
      if (segment.id === 'ORC') opened = true;
      if (segment.id === 'OBR') opened = false;
      if (segment.id === 'OBX') {
        if (results.length > 0) results[results.length - 1].push(observations[o]);
        o++;
      }
      if (segment.id === 'SPM') {
        // An SPM identical to an earlier one is the same record (the Specimen target merges them).
        const text = segment.toString();
        if (!specimenOf.has(text)) specimenOf.set(text, specimens[s++]);
        if (held.length > 0) held[held.length - 1].push(specimenOf.get(text) as string);
      }
    }
    const reports = of('DiagnosticReport');
    expect(reports.map((r) => ((r.resource.result ?? []) as Array<{ reference: string }>).map((x) => x.reference))).toEqual(results);
    expect(reports.map((r) => ((r.resource.specimen ?? []) as Array<{ reference: string }>).map((x) => x.reference))).toEqual(held);
  });
});

test.each(files.filter((f) => !oruFiles.includes(f)))('non-ORU sample %s is refused with MESSAGE_NOT_ACCEPTED naming its MSH-9', (file) => {
  const text = read(file);
  const msh9 = [parseHl7(text).get('MSH-9.1'), parseHl7(text).get('MSH-9.2')].join('^');
  expect(() => executeMapping(plan, parseHl7(text))).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_ACCEPTED', message: expect.stringContaining(`The message is ${msh9} `) }));
});
