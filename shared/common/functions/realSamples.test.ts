import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { nodeSchemaCatalog } from '../../node/schema';
import { prepareFhirValidator, type FhirValidator } from '../fhir';
import { parseHl7Batch, type Hl7Message, type Hl7Segment } from '../hl7v2';
import { readComposite, repetitionNumbers } from '../mapping/compile/sourceRead';
import { requireFunction, type FunctionContext } from './index';

/**
 * The data type functions on every real sample message: each PID and OBX is turned into a
 * Patient and Observations with the library's functions alone, and the result must pass the
 * FHIR R4 validator. Known values are then checked exactly.
 */
const samplesDir = path.resolve(process.cwd(), '../shared/reference/hl7v2-samples');
const sampleFiles = readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort();
const context: FunctionContext = { defaultTimezone: '+00:00' };

const fn = (id: string) => {
  const definition = requireFunction(id);
  return (inputs: Record<string, unknown>, params: Record<string, unknown> = {}) => definition.apply(inputs, params, context);
};
const identifierFromCx = fn('datatype.identifierFromCx');
const humanNameFromXpn = fn('datatype.humanNameFromXpn');
const addressFromXad = fn('datatype.addressFromXad');
const contactPointFromXtn = fn('datatype.contactPointFromXtn');
const codeableConcept = fn('code.codeableConceptFromCwe');
const quantityFromNm = fn('datatype.quantityFromNm');
const quantityFromSn = fn('datatype.quantityFromSn');
const snKind = fn('datatype.snKind');
const toDate = fn('date.hl7ToFhirDate');
const toDateTime = fn('date.hl7ToFhirDateTime');
const referenceFromXcn = fn('datatype.referenceFromXcn');

/** Each non-empty repetition as the engine hands it to a data type function (the engine's own reader). */
function composites(segment: Hl7Segment, field: number): unknown[] {
  return repetitionNumbers(segment, field).map((r) => readComposite(segment, field, r, undefined, undefined));
}

const defined = <T>(items: T[]) => items.filter((x) => x !== undefined);
const nonEmpty = <T>(items: T[]) => (items.length === 0 ? undefined : items);

function patientOf(pid: Hl7Segment): Record<string, unknown> {
  const resource: Record<string, unknown> = { resourceType: 'Patient' };
  const set = (key: string, value: unknown) => { if (value !== undefined) resource[key] = value; };
  set('identifier', nonEmpty(defined(composites(pid, 3).map((cx) => identifierFromCx({ cx })))));
  set('name', nonEmpty(defined(composites(pid, 5).map((xpn) => humanNameFromXpn({ xpn })))));
  set('birthDate', toDate({ value: composites(pid, 7)[0] }));
  set('address', nonEmpty(defined(composites(pid, 11).map((xad) => addressFromXad({ xad })))));
  set('telecom', nonEmpty(defined([...composites(pid, 13), ...composites(pid, 14)].map((xtn) => contactPointFromXtn({ xtn })))));
  return resource;
}

function observationOf(obx: Hl7Segment): Record<string, unknown> | undefined {
  const code = codeableConcept({ cwe: composites(obx, 3)[0] });
  if (code === undefined) return undefined;
  const resource: Record<string, unknown> = { resourceType: 'Observation', status: 'final', code };
  const type = obx.value(2);
  const value = composites(obx, 5)[0];
  const units = composites(obx, 6)[0];
  if (type === 'NM' && value !== undefined) resource.valueQuantity = quantityFromNm({ value, units });
  if ((type === 'CWE' || type === 'CE') && value !== undefined) resource.valueCodeableConcept = codeableConcept({ cwe: value });
  if (type === 'SN' && value !== undefined && snKind({ sn: value }) === 'Quantity') resource.valueQuantity = quantityFromSn({ sn: value, units });
  if (type === 'DT' && value !== undefined) resource.valueDateTime = toDateTime({ value });
  const effective = toDateTime({ value: composites(obx, 14)[0] });
  if (effective !== undefined) resource.effectiveDateTime = effective;
  const performer = composites(obx, 16).map((xcn) => referenceFromXcn({ xcn })).filter((r) => r !== undefined);
  if (performer.length > 0) resource.performer = performer;
  return resource;
}

const messages: { file: string; message: Hl7Message }[] = [];
for (const file of sampleFiles) {
  for (const item of parseHl7Batch(readFileSync(path.join(samplesDir, file), 'utf8'), { file })) {
    if ('message' in item && item.message) messages.push({ file, message: item.message });
  }
}

let validator: FhirValidator;
beforeAll(async () => {
  validator = await prepareFhirValidator(nodeSchemaCatalog(), ['Patient', 'Observation']);
});

describe('data type functions on every reference sample', () => {
  it('reads every sample', () => {
    expect(new Set(messages.map((m) => m.file))).toEqual(new Set(sampleFiles));
  });

  test.each(sampleFiles)('%s: Patient and Observations built by the functions are valid FHIR R4', (file) => {
    let patients = 0;
    for (const { message } of messages.filter((m) => m.file === file)) {
      for (const pid of message.segmentsById('PID')) {
        const patient = patientOf(pid);
        expect(Object.keys(patient).length).toBeGreaterThan(2);
        expect(validator.validate(patient)).toEqual([]);
        patients++;
      }
      for (const obx of message.segmentsById('OBX')) {
        const observation = observationOf(obx);
        if (observation) expect(validator.validate(observation)).toEqual([]);
      }
    }
    expect(patients).toBeGreaterThan(0);
  });

  const first = (file: string) => messages.find((m) => m.file === file)!.message;

  it('ADT^A01: identifiers, names with suffixes, prefixes and validity periods', () => {
    const patient = patientOf(first('fhirconverter_ADT-A01-01.hl7').segmentsById('PID')[0]);
    expect(patient.identifier).toEqual([
      {
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: '5' },
          { url: 'http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit', valueString: 'M11' },
        ],
        value: 'PATID1234', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, assigner: { display: 'test1' },
      },
      { value: '123456789', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, assigner: { display: 'USSSA' } },
    ]);
    expect(patient.name).toEqual([
      { use: 'usual', family: 'EVERYMAN', given: ['ADAM', 'A'], prefix: ['Dr.'], suffix: ['III', 'MD', 'PF'], period: { start: '1924-10-12' } },
      { use: 'official', family: 'Josh', given: ['stanley'], period: { start: '1924-10-10', end: '1924-10-15' } },
    ]);
    expect(patient.birthDate).toBe('1988-08-18');
  });

  it('ORU^R01: an ISO assigning authority becomes an OID system; CDCREC and LN codes get their URIs', () => {
    const message = first('fhirconverter_ORU-R01-01.hl7');
    expect(patientOf(message.segmentsById('PID')[0]).identifier).toEqual([
      { system: 'urn:oid:2.16.840.1.114222.4.3.3.5.1.2', value: '14', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PI' }] } },
    ]);
    expect(codeableConcept({ cwe: composites(message.segmentsById('PID')[0], 10)[0] })).toEqual({
      coding: [{ system: 'urn:oid:2.16.840.1.113883.6.238', version: '04/24/2007', code: '2106-3', display: 'White' }],
    });
  });

  it('ORU^R01 with SN: `^182` with mg/dl becomes a UCUM Quantity', () => {
    const obx = first('fhirconverter_ORU-R01-RMGEAD.hl7').segmentsById('OBX')[0];
    expect(observationOf(obx)?.valueQuantity).toEqual({ value: 182, unit: 'mg/dl', system: 'http://unitsofmeasure.org', code: 'mg/dL' });
  });

  it('SIU: `beats/min^^ISO` (a legacy ISO+ unit) becomes the UCUM /min; OBX-16 observers become references', () => {
    const obx = first('fhirconverter_SIU-S12-01.hl7').segmentsById('OBX')[0];
    expect(observationOf(obx)?.valueQuantity).toEqual({ value: 72, unit: 'beats/min', system: 'http://unitsofmeasure.org', code: '/min' });
    expect(observationOf(obx)?.performer).toEqual([
      // XCN.13 is BR (table 0203); XCN.9 PERSt&1.23&HCD is not an ISO OID, so no system.
      { identifier: { value: '1134', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'BR' }] } }, display: 'Dr. Zafar Mahendra Aly JR MD' },
      { identifier: { value: '2234' }, display: 'Berrie Raud Pauly' },
    ]);
  });

  it('LRI CBC: UCUM units from OBX-6, and OBX-14 with its offset', () => {
    const obx = first('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7').segmentsById('OBX')[0];
    expect(observationOf(obx)).toEqual({
      resourceType: 'Observation', status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '26453-1', display: 'Erythrocytes [#/volume] in Blood' }], text: 'Erythrocytes [#/volume] in Blood' },
      valueQuantity: { value: 4.41, unit: 'million per microliter', system: 'http://unitsofmeasure.org', code: '10*6/uL' },
      effectiveDateTime: '2011-01-03T14:34:28-08:00',
    });
  });

  it('MDM: a formatted-text report becomes plain lines for valueString', () => {
    const obx = first('hl7ig_MDM_T02.hl7').segmentsById('OBX')[1];
    const plain = fn('string.formattedText')({ value: obx.value(5) }) as string;
    expect(plain.split('\n').slice(0, 3)).toEqual([
      'Critical Values Entered On:  08/22/2023 2:11 EDT',
      ' Performed On:  08/22/2023 2:11 EDT by BOYLE, KRISTEN C', // the sender's space after \.br\ is kept: indentation can matter in reports
      '',
    ]);
    expect(plain).not.toContain('\\.br\\');
    expect(obx.value(5)).toContain('\\.br\\');
  });

  it('VXU: a telephone from its XTN parts, an address, and a v2 table code', () => {
    const patient = patientOf(first('izgateway_VXU_V04.hl7').segmentsById('PID')[0]);
    expect(patient.telecom).toEqual([{ system: 'phone', value: '(111) 2320112', use: 'home' }]);
    expect(patient.address).toEqual([{ line: ['123 Any St'], city: 'Somewhere', state: 'WI', postalCode: '54000' }]);
    const obx = first('izgateway_VXU_V04.hl7').segmentsById('OBX')[0];
    expect(observationOf(obx)?.valueCodeableConcept).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0064', code: 'V02', display: 'Medicaid' }] });
  });
});
