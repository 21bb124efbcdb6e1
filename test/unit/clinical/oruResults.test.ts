import { beforeAll, describe, expect, test } from 'vitest';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { compileWithCatalog, mapMessage, type CompiledMapping } from '../../../shared/common/mapping/index';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';
import { buildOruR01ToObservations } from '../../../examples/src/oruR01ToObservations';

// Clinical edge cases of lab results (issue 10, items 1 and 5), each one realistic ORU^R01 run
// through the shipped ORU example, with the exact resources a clinical reviewer expects. Every
// time carries its offset, so the cases do not depend on a default timezone.

type Resource = Record<string, unknown> & { resourceType: string };
interface Mapped { entries: Array<{ fullUrl: string; resource: Resource }>; of(type: string): Resource[]; patient: { reference: string } }

let compiled: CompiledMapping;
let absent: CompiledMapping;
beforeAll(async () => {
  const spec = buildOruR01ToObservations();
  compiled = await compileWithCatalog(spec, nodeSchemaCatalog(), { validate: true });
  absent = await compileWithCatalog({ ...spec, settings: { ...spec.settings, valueErrors: 'absent' } }, nodeSchemaCatalog(), { validate: true });
});

/** A segment from its fields by number (HL7's 1-based numbering), the rest empty. */
function segment(id: string, fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return [id, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

const MSH = 'MSH|^~\\&|LAB|GOOD HEALTH LAB|EHR|GOOD HEALTH HOSPITAL|20240315103000-0500||ORU^R01^ORU_R01|MSG0001|P|2.5.1';
const PID = segment('PID', { 1: '1', 3: '555123^^^GHH^MR', 5: 'Rivera^Ana^M', 7: '19800412', 8: 'F' });
const OBR = (fields: Record<number, string> = {}) => segment('OBR', { 1: '1', 2: 'ORD1^EHR', 3: 'FIL1^LAB', 4: '80053^Comprehensive metabolic panel^C4', 7: '20240315080000-0500', 25: 'F', ...fields });
const OBX = (fields: Record<number, string>) => segment('OBX', { 1: '1', 11: 'F', 14: '20240315090000-0500', ...fields });

function run(segments: string[], mapping = compiled): Mapped {
  const outcome = mapMessage(mapping, parseHl7([MSH, PID, ...segments].join('\r')), { validate: true });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  const entries = JSON.parse(JSON.stringify(outcome.output.entry)) as Mapped['entries'];
  return { entries, of: (type) => entries.filter((e) => e.resource.resourceType === type).map((e) => e.resource), patient: { reference: entries[0].fullUrl } };
}

const LABORATORY = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] }];
const LOINC = 'http://loinc.org';
const V3_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
// The result's identifier is the filler order number (OBR-3, FIL1^LAB) with its code (records.test.ts: how a correction finds it).
const observation = (m: Mapped, code: string, display: string, rest: Record<string, unknown>) => ({
  resourceType: 'Observation', category: LABORATORY, subject: m.patient,
  code: { coding: [{ code, display, system: LOINC }] }, identifier: [{ assigner: { display: 'LAB' }, value: `FIL1-${code}` }], ...rest,
});

describe('every OBX value type has its value', () => {
  test('an HIV 1+2 Ab result coded CNE with flag A: the SNOMED answer, Abnormal, final', () => {
    const m = run([OBR(), OBX({ 2: 'CNE', 3: '31201-7^HIV 1+2 Ab^LN', 5: '10828004^Positive^SCT', 8: 'A' })]);
    expect(m.of('Observation')).toEqual([observation(m, '31201-7', 'HIV 1+2 Ab', {
      status: 'final', effectiveDateTime: '2024-03-15T09:00:00-05:00',
      valueCodeableConcept: { coding: [{ code: '10828004', display: 'Positive', system: 'http://snomed.info/sct' }] },
      interpretation: [{ coding: [{ system: V3_INTERPRETATION, code: 'A', display: 'Abnormal' }] }],
    })]);
  });

  test('IS: a user-defined table code as the CodeableConcept\'s code', () => {
    const m = run([OBR(), OBX({ 2: 'IS', 3: '5778-6^Color of Urine^LN', 5: 'YEL' })]);
    expect(m.of('Observation')[0].valueCodeableConcept).toEqual({ coding: [{ code: 'YEL' }] });
  });

  test('NR: a numeric range as valueRange', () => {
    const m = run([OBR(), OBX({ 2: 'NR', 3: '2823-3^Potassium^LN', 5: '3.5^5.1' })]);
    expect(m.of('Observation')[0].valueRange).toEqual({ low: { value: 3.5 }, high: { value: 5.1 } });
  });

  test('TM: a time of day as valueTime (FHIR time has no offset to keep)', () => {
    const m = run([OBR(), OBX({ 2: 'TM', 3: '21967-5^Time of last dose^LN', 5: '0830-0500' })]);
    expect(m.of('Observation')[0].valueTime).toBe('08:30:00');
  });

  // The other types issue 10 lists, one realistic result each, with the exact value[x].
  test.each([
    ['SN', '2160-0^Creatinine^LN', '<^0.5', 'mg/dL', { valueQuantity: { comparator: '<', value: 0.5, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } }],
    ['SN', '5130-0^Titer^LN', '^1^:^128', '', { valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } } }],
    ['ST', '8251-1^Service comment^LN', 'Specimen slightly hemolyzed', '', { valueString: 'Specimen slightly hemolyzed' }],
    ['CWE', '600-7^Bacteria identified^LN', '112283007^Escherichia coli^SCT', '', { valueCodeableConcept: { coding: [{ code: '112283007', display: 'Escherichia coli', system: 'http://snomed.info/sct' }] } }],
    ['CE', '882-1^ABO and Rh group^LN', '278149003^Blood group A Rh(D) positive^SCT', '', { valueCodeableConcept: { coding: [{ code: '278149003', display: 'Blood group A Rh(D) positive', system: 'http://snomed.info/sct' }] } }],
    ['DT', '11778-8^Delivery date estimated^LN', '20240901', '', { valueDateTime: '2024-09-01' }],
    ['DTM', '8665-2^Last menstrual period start date^LN', '202312011030-0500', '', { valueDateTime: '2023-12-01T10:30:00-05:00' }],
    ['TS', '8665-2^Last menstrual period start date^LN', '20231201', '', { valueDateTime: '2023-12-01' }],
    ['CQ', '3167-4^Volume of 24 hour urine^LN', '1500^mL&milliliter&UCUM', '', { valueQuantity: { value: 1500, unit: 'milliliter', system: 'http://unitsofmeasure.org', code: 'mL' } }],
  ] as const)('%s: %s', (type, code, value, units, expected) => {
    const [result] = run([OBR(), OBX({ 2: type, 3: code, 5: value, 6: units })]).of('Observation');
    expect(Object.fromEntries(Object.entries(result).filter(([k]) => k.startsWith('value')))).toEqual(expected);
    expect(result.status).toBe('final');
  });

  test('RP: a pointer to a report held elsewhere as a valueAttachment url in the R5 Observation.value extension', () => {
    const [result] = run([OBR(), OBX({ 2: 'RP', 3: '18748-4^Diagnostic imaging study^LN', 5: 'https://pacs.example.org/wado/1.2.840.113619^PACS^IM^JPEG' })]).of('Observation');
    expect(result.extension).toEqual([{ url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Observation.value', valueAttachment: { url: 'https://pacs.example.org/wado/1.2.840.113619', contentType: 'image/jpeg' } }]);
  });

  test('ED: a PDF report as a valueAttachment in the R5 Observation.value extension', () => {
    const m = run([OBR(), OBX({ 2: 'ED', 3: '11502-2^Laboratory report^LN', 5: 'LAB^AP^PDF^Base64^JVBERi0xLjQK' })]);
    const [result] = m.of('Observation');
    expect(result.extension).toEqual([{
      url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Observation.value',
      valueAttachment: { contentType: 'application/pdf', data: 'JVBERi0xLjQK' },
    }]);
    expect(Object.keys(result).filter((k) => k.startsWith('value'))).toEqual([]);
    expect(result.dataAbsentReason).toBeUndefined();
  });
});

describe('repetitions are never truncated', () => {
  test('NM 60~120 keeps both, as components coded like the Observation, each with the units', () => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '8867-4^Heart rate^LN', 5: '60~120', 6: '/min^beats per minute^UCUM' })]);
    const code = { coding: [{ code: '8867-4', display: 'Heart rate', system: LOINC }] };
    const quantity = (value: number) => ({ value, unit: 'beats per minute', system: 'http://unitsofmeasure.org', code: '/min' });
    expect(m.of('Observation')).toEqual([observation(m, '8867-4', 'Heart rate', {
      status: 'final', effectiveDateTime: '2024-03-15T09:00:00-05:00',
      component: [{ code, valueQuantity: quantity(60) }, { code, valueQuantity: quantity(120) }],
    })]);
  });

  test('FT with \\.br\\ and several repetitions: every line kept, the formatting decoded, a blank line kept', () => {
    const m = run([OBR(), OBX({ 2: 'FT', 3: '22637-3^Pathology report^LN', 5: 'FINAL DIAGNOSIS:\\.br\\\\.in 2\\Benign.~~\\H\\Comment:\\N\\ see addendum' })]);
    expect(m.of('Observation')[0].valueString).toBe('FINAL DIAGNOSIS:\n  Benign.\n\n  Comment: see addendum');
  });

  test('TX lines: each repetition a line', () => {
    const m = run([OBR(), OBX({ 2: 'TX', 3: '18782-3^Radiology study observation^LN', 5: 'No acute findings.~Heart size normal.' })]);
    expect(m.of('Observation')[0].valueString).toBe('No acute findings.\nHeart size normal.');
  });
});

describe('a value that cannot be mapped', () => {
  const malformed = [OBR(), OBX({ 2: 'NM', 3: '2345-7^Glucose^LN', 5: '98', 6: 'mg/dL' }), OBX({ 1: '2', 2: 'NM', 3: '2160-0^Creatinine^LN', 5: '>1000', 6: 'mg/dL' })];

  test('fails the message by default, naming where, never quoting the value', () => {
    const outcome = mapMessage(compiled, parseHl7([MSH, PID, ...malformed].join('\r')));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toEqual({
      code: 'NUMBER_INVALID',
      message: 'The value is not an HL7 number (NM): digits with an optional sign and decimal point.',
      where: { map: 'NM[Quantity]', node: 'value', path: 'OBX-5' },
    });
  });

  test('with valueErrors "absent": the glucose is kept whole; the creatinine says why it has no value, is not final, and the Bundle says so', () => {
    const m = run(malformed, absent);
    const [glucose, creatinine] = m.of('Observation');
    expect(glucose.valueQuantity).toEqual({ value: 98, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' });
    expect(glucose.status).toBe('final');
    expect(creatinine).toEqual(observation(m, '2160-0', 'Creatinine', {
      status: 'unknown', effectiveDateTime: '2024-03-15T09:00:00-05:00',
      dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }] },
    }));
    const index = m.entries.findIndex((e) => e.resource === creatinine);
    expect(m.of('OperationOutcome')).toEqual([{
      resourceType: 'OperationOutcome',
      issue: [{
        severity: 'warning', code: 'value',
        details: { text: 'The value is not an HL7 number (NM): digits with an optional sign and decimal point. Its status was final; it is unknown here, since its value is missing.' },
        diagnostics: 'NUMBER_INVALID (OBX[2], map NM[Quantity], node value)',
        expression: [`Bundle.entry[${index}].resource.value`],
      }],
    }]);
    // The report still lists both results.
    expect(m.of('DiagnosticReport')[0].result).toEqual(m.entries.filter((e) => e.resource.resourceType === 'Observation').map((e) => ({ reference: e.fullUrl })));
  });

  test('with valueErrors "absent", an ED whose data is not the Base64 it claims: no attachment, the reason, one warning', () => {
    const m = run([OBR(), OBX({ 2: 'ED', 3: '11502-2^Laboratory report^LN', 5: 'LAB^AP^PDF^Base64^not base64!' })], absent);
    const [report] = m.of('Observation');
    expect(report).toEqual(observation(m, '11502-2', 'Laboratory report', {
      status: 'unknown', effectiveDateTime: '2024-03-15T09:00:00-05:00',
      dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }] },
    }));
    expect((m.of('OperationOutcome')[0].issue as unknown[])).toEqual([{
      severity: 'warning', code: 'value',
      details: { text: 'The data is not valid Base64, which its encoding says it is. Its status was final; it is unknown here, since its value is missing.' },
      diagnostics: 'BINARY_INVALID (OBX, map ED[Attachment], node data)',
      expression: [`Bundle.entry[${m.entries.findIndex((e) => e.resource === report)}].resource.value`],
    }]);
  });

  test('a value type no map reads (NA) fails loudly rather than vanishing', () => {
    const outcome = mapMessage(compiled, parseHl7([MSH, PID, OBR(), OBX({ 2: 'NA', 3: '8601-7^EKG impression^LN', 5: '1^2^3' })].join('\r')));
    expect(!outcome.ok && outcome.error.code).toBe('VALUEMAP_UNMAPPED');
    expect(!outcome.ok && outcome.error.where).toEqual({ map: 'OBX[Observation-value]', node: 'value-type' });
  });
});

describe('nothing said is dropped', () => {
  test('NTEs after the OBR are the report\'s notes, those after an OBX that result\'s, with formatting as markdown', () => {
    const m = run([
      OBR(), segment('NTE', { 1: '1', 3: 'Specimen received hemolyzed.' }),
      OBX({ 2: 'NM', 3: '2823-3^Potassium^LN', 5: '5.9', 6: 'mmol/L', 8: 'H' }),
      segment('NTE', { 1: '1', 3: 'Repeat advised;\\.br\\hemolysis can raise potassium.~\\H\\Called to Dr. Lee\\N\\', 5: '1234^Lee^Ann^^^Dr', 6: '20240315094500-0500' }),
      OBX({ 1: '2', 2: 'NM', 3: '2951-2^Sodium^LN', 5: '139', 6: 'mmol/L' }),
    ]);
    const [potassium, sodium] = m.of('Observation');
    expect(potassium.note).toEqual([{
      text: 'Repeat advised;  \nhemolysis can raise potassium.  \n**Called to Dr. Lee**',
      authorReference: { identifier: { value: '1234' }, display: 'Dr Ann Lee' },
      time: '2024-03-15T09:45:00-05:00',
    }]);
    expect(sodium.note).toBeUndefined();
    expect(m.of('DiagnosticReport')[0].extension).toEqual([{
      url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-DiagnosticReport.note',
      valueAnnotation: { text: 'Specimen received hemolyzed.' },
    }]);
  });

  test('an OBX-8 flag outside table 0078 is kept as the sender coded it, with its text', () => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '2093-3^Cholesterol^LN', 5: '310', 6: 'mg/dL', 8: 'H~CRIT^Critical call made^99LAB' })]);
    expect(m.of('Observation')[0].interpretation).toEqual([
      { coding: [{ system: V3_INTERPRETATION, code: 'H', display: 'High' }] },
      { coding: [{ code: 'CRIT', display: 'Critical call made' }], text: 'Critical call made' },
    ]);
  });

  test.each([
    ['U', 'final'],
    ['R', 'preliminary'],
    ['I', 'registered'],
  ])('OBX-11 %s (which the IG leaves blank) is %s', (code, status) => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '2345-7^Glucose^LN', 5: code === 'I' ? '' : '98', 6: 'mg/dL', 11: code })]);
    const [result] = m.of('Observation');
    expect(result.status).toBe(status);
    // Specimen in lab, no result yet: registered says it, with no data-absent-reason.
    expect(result.dataAbsentReason).toBeUndefined();
  });

  test('an empty OBX-5 with a final status says its value is unknown rather than reading as a final result', () => {
    const m = run([OBR(), OBX({ 2: 'ST', 3: '8251-1^Service comment^LN', 5: '' })]);
    expect(m.of('Observation')[0]).toMatchObject({ status: 'final', dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown', display: 'Unknown' }] } });
  });

  test('OBX-14 empty: the order\'s OBR-7 is when it was observed (a period with OBR-8)', () => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '2345-7^Glucose^LN', 5: '98', 14: '' })]);
    expect(m.of('Observation')[0].effectiveDateTime).toBe('2024-03-15T08:00:00-05:00');
    const period = run([OBR({ 8: '20240315083000-0500' }), OBX({ 2: 'NM', 3: '2345-7^Glucose^LN', 5: '98', 14: '' })]);
    expect(period.of('Observation')[0].effectivePeriod).toEqual({ start: '2024-03-15T08:00:00-05:00', end: '2024-03-15T08:30:00-05:00' });
    expect(period.of('DiagnosticReport')[0].effectivePeriod).toEqual({ start: '2024-03-15T08:00:00-05:00', end: '2024-03-15T08:30:00-05:00' });
  });

  test('the report: issued from OBR-22, category from OBR-24, interpreter and technician from OBR-32/34', () => {
    const m = run([OBR({ 22: '20240315101500-0500', 24: 'HM', 32: '7788&Chen&Wei&&&Dr', 34: '5566&Okafor&Ada' }), OBX({ 2: 'NM', 3: '718-7^Hemoglobin^LN', 5: '13.2', 6: 'g/dL' })]);
    const [report] = m.of('DiagnosticReport');
    expect(report).toMatchObject({
      status: 'final',
      issued: '2024-03-15T10:15:00-05:00',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'HM', display: 'Hematology' }] }],
      resultsInterpreter: [{ identifier: { value: '7788' }, display: 'Dr Wei Chen' }],
      performer: [{
        identifier: { value: '5566' }, display: 'Ada Okafor',
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/event-performerFunction', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'SPRF', display: 'secondary performer' }] } }],
      }],
    });
  });

  test('the report lists its order\'s specimen (SPM), with the specimen\'s identifiers, type and times', () => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '2345-7^Glucose^LN', 5: '98', 6: 'mg/dL' }), segment('SPM', { 1: '1', 2: 'SP1&EHR^FS1&LAB', 4: '119297000^Blood specimen^SCT', 17: '20240315075500-0500', 18: '20240315081000-0500' })]);
    const specimen = m.entries.find((e) => e.resource.resourceType === 'Specimen');
    expect(specimen?.resource).toEqual({
      resourceType: 'Specimen', subject: m.patient,
      identifier: [
        { value: 'SP1', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PGN' }] } },
        { value: 'FS1', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FGN' }] } },
      ],
      type: { coding: [{ system: 'http://snomed.info/sct', code: '119297000', display: 'Blood specimen' }] },
      collection: { collectedDateTime: '2024-03-15T07:55:00-05:00' },
      receivedTime: '2024-03-15T08:10:00-05:00',
    });
    expect(m.of('DiagnosticReport')[0].specimen).toEqual([{ reference: specimen?.fullUrl }]);
  });

  test('XCN identifiers keep their type (XCN.13) and assigning authority (XCN.9): an NPI by its OID as system, a local number by its assigner', () => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '2345-7^Glucose^LN', 5: '98', 6: 'mg/dL', 16: '1234^Smith^John^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI~5678^Jones^Ann^^^^^^GHH^L^^^PRN' })]);
    const type = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code }] });
    expect(m.of('Practitioner').map((p) => p.identifier)).toEqual([
      [{ value: '1234', system: 'urn:oid:2.16.840.1.113883.4.6', type: type('NPI') }],
      [{ value: '5678', assigner: { display: 'GHH' }, type: type('PRN') }],
    ]);
  });

  test('OBX-23/24/25: the result is performed by the director\'s role at the performing laboratory', () => {
    const m = run([OBR(), OBX({ 2: 'NM', 3: '718-7^Hemoglobin^LN', 5: '13.2', 6: 'g/dL', 23: 'Good Health Lab^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^05D1234567', 24: '1 Lab Way^^Springfield^IL^62701', 25: '998877^Patel^Ravi^^^Dr^MD' })]);
    const url = (type: string) => m.entries.find((e) => e.resource.resourceType === type)?.fullUrl;
    expect(m.of('Organization')).toEqual([{
      resourceType: 'Organization', name: 'Good Health Lab',
      identifier: [{ value: '05D1234567', system: 'urn:oid:2.16.840.1.113883.4.7', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'XX' }] } }],
      address: [{ line: ['1 Lab Way'], city: 'Springfield', state: 'IL', postalCode: '62701' }],
    }]);
    expect(m.of('Practitioner')).toEqual([{
      resourceType: 'Practitioner', identifier: [{ value: '998877' }], name: [{ family: 'Patel', given: ['Ravi'], prefix: ['Dr'] }],
      qualification: [{ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD' }] } }],
    }]);
    expect(m.of('PractitionerRole')).toEqual([{
      resourceType: 'PractitionerRole',
      practitioner: { reference: url('Practitioner') }, organization: { reference: url('Organization') },
      code: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0912', code: 'MDIR', display: 'Medical Director' }] }],
    }]);
    expect(m.of('Observation')[0].performer).toEqual([{ reference: url('PractitionerRole') }]);
  });
});
