import { beforeAll, describe, expect, test } from 'vitest';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { executeMapping, type MappingPlan, type TransactionBundle } from '../../../shared/common/mapping/index';
import { exampleByFile, prepareExample, readSample } from '../examples/exampleFixture';

// No duplicate or uncorrectable records (issue 10, item 3), on the example mappings and real
// messages: a replayed message sends the same conditional requests, a corrected or retracted
// result is written over the one it corrects, and one doctor is one Practitioner per message.
let adt: { plan: MappingPlan; validator: FhirValidator };
let oru: { plan: MappingPlan; validator: FhirValidator };
beforeAll(async () => {
  adt = await prepareExample(exampleByFile('examples/adt-a01-to-fhir.crosswalk.json'));
  oru = await prepareExample(exampleByFile('examples/oru-r01-to-observations.crosswalk.json'));
});

/** The message with one field replaced: `field` counted as HL7 counts it (MSH-1 is the separator). */
function withField(text: string, segment: string, occurrence: number, field: number, value: string): string {
  let seen = 0;
  return text.replace(/\r\n?|\n/g, '\r').split('\r').map((line) => {
    if (!line.replace(/^\uFEFF/, '').startsWith(`${segment}|`) || ++seen !== occurrence) return line;
    const fields = line.split('|');
    const index = segment === 'MSH' ? field - 1 : field;
    while (fields.length <= index) fields.push('');
    fields[index] = value;
    return fields.join('|');
  }).join('\r');
}

function map(example: { plan: MappingPlan; validator: FhirValidator }, text: string): TransactionBundle {
  const bundle = JSON.parse(JSON.stringify(executeMapping(example.plan, parseHl7(text)).bundle)) as TransactionBundle;
  expect(example.validator.validate(bundle)).toEqual([]);
  return bundle;
}

const requests = (bundle: TransactionBundle) => bundle.entry.map((e) => e.request);
const entriesOf = (bundle: TransactionBundle, type: string) => bundle.entry.filter((e) => e.resource.resourceType === type);

describe('a replayed message writes the same records', () => {
  const LAB = readSample('fhirconverter_LAB-ORU-1.hl7');
  const LAB_REQUESTS = [
    { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=|10006579' },
    ...['11156-7', '11273-0', '20509-6', '20570-8', '11125-2'].map((code) => ({ method: 'PUT', url: `Observation?identifier=|82503246-${code}` })),
    ...['23761-0', '26450-7', '26478-8', '26485-3', '30180-4'].map((code) => ({ method: 'PUT', url: `Observation?identifier=|890775544-${code}` })),
    // Both orders' SPM carry the same specimen id (and content): one Specimen record.
    { method: 'PUT', url: 'Specimen?identifier=|SpecimenID' },
    { method: 'PUT', url: 'DiagnosticReport?identifier=|82503246' },
    { method: 'PUT', url: 'DiagnosticReport?identifier=|890775544' },
  ];

  test('ORU (two orders, ten results): every record is written conditionally on its identifier', () => {
    const bundle = map(oru, LAB);
    expect(requests(bundle)).toEqual(LAB_REQUESTS);
    // No resource id of ours on a conditional write: the server finds or assigns it.
    expect(bundle.entry.map((e) => e.resource.id)).toEqual(bundle.entry.map(() => undefined));
    expect(entriesOf(bundle, 'Observation')[0].resource.identifier).toEqual([{ value: '82503246-11156-7' }]);
    expect(entriesOf(bundle, 'DiagnosticReport')[0].resource.identifier).toEqual([
      { value: '88502218', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }] } },
      { value: '82503246', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FILL' }] } },
    ]);
  });

  test('ORU resent by the sender (a new control id and time, so new fullUrls): the same requests, and references inside each Bundle still resolve', () => {
    const first = map(oru, LAB);
    const again = map(oru, withField(withField(LAB, 'MSH', 1, 10, '9182'), 'MSH', 1, 7, '20141006071500+0700'));
    expect(requests(again)).toEqual(LAB_REQUESTS);
    expect(again.entry.map((e) => e.resource)).toEqual(first.entry.map((e) => e.resource).map((resource) => JSON.parse(JSON.stringify(resource).replace(/urn:uuid:[0-9a-f-]{36}/g, (url) => again.entry[first.entry.findIndex((e) => e.fullUrl === url)].fullUrl)) as unknown));
    expect(again.entry.map((e) => e.fullUrl)).not.toEqual(first.entry.map((e) => e.fullUrl));
    const fullUrls = new Set(again.entry.map((e) => e.fullUrl));
    const references = JSON.stringify(again.entry.map((e) => e.resource)).match(/urn:uuid:[0-9a-f-]{36}/g) ?? [];
    // Ten results', two reports' and the specimen's subjects, the reports' ten results, and each report's specimen.
    expect(references.length).toBe(25);
    for (const reference of references) expect(fullUrls.has(reference)).toBe(true);
  });

  test('ADT: the Patient by its MR, the Encounter by its visit number, the doctor created once, the rest by their ids', () => {
    const text = readSample('fhirconverter_ADT-A01-01.hl7');
    const first = map(adt, text);
    // The locations, the OBX and the AL1 have no identifier in v2: written by their ids from the message.
    const byId = (type: string, n = 0) => ({ method: 'PUT', url: `${type}/${entriesOf(first, type)[n].resource.id as string}` });
    const doctor = (identifier: string) => ({ method: 'POST', url: 'Practitioner', ifNoneExist: `identifier=${identifier}` });
    expect(requests(first)).toEqual([
      { method: 'PUT', url: 'Patient?identifier=|PATID1234' },
      { method: 'PUT', url: 'Encounter?identifier=|40007716' },
      // PV1-3's six levels: bed, room, floor, point of care, building, facility.
      ...[0, 1, 2, 3, 4, 5].map((n) => byId('Location', n)),
      // PV1-7, -8, -9, -17 (DISNEY), -52.
      doctor('|1122334'), doctor('|C006'), doctor('urn:oid:1.3.6.1.4.1.44750.1.2.2|C008'), doctor('|37'), doctor('|Othhel'),
      byId('Observation'),
      byId('AllergyIntolerance'),
      // DG1 by its DG1-20 identifier, and its diagnosing clinician (DG1-16).
      { method: 'PUT', url: 'Condition?identifier=|DI20' }, doctor('|005454'),
      // PR1 by its PR1-19 identifier; its anesthesiologist, surgeon and other practitioner.
      { method: 'PUT', url: 'Procedure?identifier=|PR1006' }, doctor('|1210'), doctor('|121188'), doctor('|12345689'),
      // NK1 by its NK1-12 and NK1-33 identifiers.
      { method: 'PUT', url: 'RelatedPerson?identifier=|12345567,|I-123,|I-222' },
      // PD1's primary facility and primary care provider, created once like the doctors.
      { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=|SIISCLIENT818' }, doctor('|88'),
      // IN1: v2 gives the coverage no identifier of its own (IN1-2 is the plan); its insurer by IN1-3.
      byId('Coverage'), { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=urn:oid:2.16.840.1.113883.1.1|IC-1.31' },
    ]);
    for (const e of first.entry) if (e.request.url.includes('/')) expect(e.fullUrl).toBe(`urn:uuid:${e.request.url.split('/')[1]}`);
    // The same message again gives the same requests, byte for byte.
    expect(requests(map(adt, text))).toEqual(requests(first));
    // An A08 for the same visit updates the same Patient and Encounter, and finds the same doctor.
    const a08 = map(adt, withField(withField(text, 'MSH', 1, 9, 'ADT^A08^ADT_A01'), 'MSH', 1, 10, 'MSG00002'));
    expect(requests(a08).filter((r) => r.url.includes('?') || r.ifNoneExist !== undefined)).toEqual(requests(first).filter((r) => r.url.includes('?') || r.ifNoneExist !== undefined));
  });

  test('ADT without a medical record number fails rather than guess which patient it is', () => {
    const text = withField(readSample('fhirconverter_ADT-A01-01.hl7'), 'PID', 1, 3, '123456789^^^USSSA^SS');
    expect(() => executeMapping(adt.plan, parseHl7(text))).toThrow(expect.objectContaining({
      code: 'REQUEST_NO_SEARCH_VALUE',
      message: 'Target "patient" writes Patient conditionally on identifier, but this Patient has no value for it, and the target\'s request says to fail then.',
    }));
  });
});

describe('a corrected result updates the one it corrects', () => {
  // fhirconverter_ORU-R01-RMGEAD.hl7: one order (filler 1045813 of GHH LAB), one glucose result ^182 mg/dl, final.
  const ORIGINAL = readSample('fhirconverter_ORU-R01-RMGEAD.hl7');
  const resend = (status: string, value: string) => withField(withField(withField(ORIGINAL, 'MSH', 1, 10, `CORR-${status}`), 'OBX', 1, 11, status), 'OBX', 1, 5, value);
  const RESULT = { method: 'PUT', url: 'Observation?identifier=|1045813-1554-5' };

  const observation = (bundle: TransactionBundle) => {
    const [entry] = entriesOf(bundle, 'Observation');
    return { request: entry.request, status: entry.resource.status, identifier: entry.resource.identifier, value: entry.resource.valueQuantity };
  };

  test('the final result, its correction (C) and its retractions (D, W) are all written to the one Observation', () => {
    expect(observation(map(oru, ORIGINAL))).toEqual({
      request: RESULT, status: 'final', identifier: [{ value: '1045813-1554-5', assigner: { display: 'GHH LAB' } }],
      value: { value: 182, unit: 'mg/dl', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
    });
    expect(observation(map(oru, resend('C', '^176')))).toEqual({
      request: RESULT, status: 'corrected', identifier: [{ value: '1045813-1554-5', assigner: { display: 'GHH LAB' } }],
      value: { value: 176, unit: 'mg/dl', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
    });
    for (const status of ['D', 'W']) {
      expect(observation(map(oru, resend(status, '^182')))).toEqual({
        request: RESULT, status: 'entered-in-error', identifier: [{ value: '1045813-1554-5', assigner: { display: 'GHH LAB' } }],
        value: { value: 182, unit: 'mg/dl', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
      });
    }
  });

  test('the corrected report (OBR-25 C) is written over its report, found by the filler order number only', () => {
    const corrected = map(oru, withField(resend('C', '^176'), 'OBR', 1, 25, 'C'));
    const [report] = entriesOf(corrected, 'DiagnosticReport');
    expect(report.request).toEqual({ method: 'PUT', url: 'DiagnosticReport?identifier=|1045813' });
    expect(report.resource.status).toBe('corrected');
    expect(report.resource.result).toEqual([{ reference: entriesOf(corrected, 'Observation')[0].fullUrl }]);
  });

  test('a placer order number shared by two orders does not identify their reports', () => {
    const lab = withField(readSample('fhirconverter_LAB-ORU-1.hl7'), 'OBR', 2, 2, '88502218');
    expect(entriesOf(map(oru, lab), 'DiagnosticReport').map((e) => e.request.url)).toEqual(['DiagnosticReport?identifier=|82503246', 'DiagnosticReport?identifier=|890775544']);
  });
});

describe('one Practitioner per doctor within a message', () => {
  const SMITH = '1234^Smith^John^^^Dr^MD^^GHH&2.16.840.1.113883.19.4.6&ISO';
  const JONES = '5678^Jones^Mary^^^Dr^MD^^GHH&2.16.840.1.113883.19.4.6&ISO';
  const practitioner = (id: string, family: string, given: string) => ({
    resourceType: 'Practitioner',
    identifier: [{ value: id, system: 'urn:oid:2.16.840.1.113883.19.4.6' }],
    name: [{ family, given: [given], prefix: ['Dr'] }],
    qualification: [{ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD' }] } }],
  });

  test('ADT: two PV1-7 repetitions with the same identifier are one Practitioner, both participants pointing at it', () => {
    let text = withField(readSample('fhirconverter_ADT-A01-01.hl7'), 'PV1', 1, 7, `${SMITH}~${JONES}~${SMITH}`);
    for (const field of [8, 9, 17, 52]) text = withField(text, 'PV1', 1, field, '');
    // Only PV1's doctors: without the diagnosing clinician, the procedure's people and the primary care provider.
    for (const [segment, field] of [['DG1', 16], ['PR1', 8], ['PR1', 11], ['PR1', 12], ['PD1', 4]] as const) text = withField(text, segment, 1, field, '');
    const bundle = map(adt, text);
    const doctors = entriesOf(bundle, 'Practitioner');
    expect(doctors.map((e) => [e.request, e.resource])).toEqual([
      [{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=urn:oid:2.16.840.1.113883.19.4.6|1234' }, practitioner('1234', 'Smith', 'John')],
      [{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=urn:oid:2.16.840.1.113883.19.4.6|5678' }, practitioner('5678', 'Jones', 'Mary')],
    ]);
    const participants = entriesOf(bundle, 'Encounter')[0].resource.participant as Array<{ individual: { reference: string } }>;
    expect(participants.map((p) => p.individual.reference)).toEqual([doctors[0].fullUrl, doctors[1].fullUrl, doctors[0].fullUrl]);
  });

  test('ADT: the attending doctor who also diagnosed (DG1-16) and operated (PR1-11) is one Practitioner, the Condition\'s asserter and the Procedure\'s surgeon', () => {
    let text = withField(readSample('fhirconverter_ADT-A01-01.hl7'), 'PV1', 1, 7, SMITH);
    text = withField(withField(text, 'DG1', 1, 16, SMITH), 'PR1', 1, 11, SMITH);
    const bundle = map(adt, text);
    const smith = entriesOf(bundle, 'Practitioner').filter((e) => e.request.ifNoneExist === 'identifier=urn:oid:2.16.840.1.113883.19.4.6|1234');
    expect(smith.map((e) => e.resource)).toEqual([practitioner('1234', 'Smith', 'John')]);
    const url = smith[0].fullUrl;
    expect((entriesOf(bundle, 'Encounter')[0].resource.participant as Array<{ individual: { reference: string } }>)[0].individual.reference).toBe(url);
    expect(entriesOf(bundle, 'Condition')[0].resource.asserter).toEqual({ reference: url });
    expect((entriesOf(bundle, 'Procedure')[0].resource.performer as unknown[])[1]).toEqual({ function: { coding: [{ system: 'http://snomed.info/sct', code: '304292004' }] }, actor: { reference: url } });
  });

  test('ORU: one responsible observer of three results is one Practitioner, the performer of each', () => {
    let lab = readSample('fhirconverter_LAB-ORU-1.hl7');
    for (const [occurrence, observer] of [[1, SMITH], [2, JONES], [5, SMITH], [6, SMITH]] as const) lab = withField(lab, 'OBX', occurrence, 16, observer);
    const bundle = map(oru, lab);
    const doctors = entriesOf(bundle, 'Practitioner');
    expect(doctors.map((e) => e.resource)).toEqual([practitioner('1234', 'Smith', 'John'), practitioner('5678', 'Jones', 'Mary')]);
    const [smith, jones] = doctors.map((e) => e.fullUrl);
    expect(entriesOf(bundle, 'Observation').map((e) => (e.resource.performer as Array<{ reference: string }> | undefined)?.map((p) => p.reference))).toEqual([
      [smith], [jones], undefined, undefined, [smith], [smith], undefined, undefined, undefined, undefined,
    ]);
  });
});
