import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHl7, parseHl7Batch } from '../../hl7v2';
import { adtTestSpec } from '../../../node/fixtures/adtTestSpec';
import { readSample, samplesDir } from '../../../node/fixtures/referenceFixtures';
import { nodeSchemaCatalog } from '../../../node/schema';
import { compileWithCatalog, type CompiledMapping } from '../compile/compileWithCatalog';
import { parseSpec } from '../spec/parseSpec';
import { mapMessage } from './mapMessage';

let compiled: CompiledMapping;
beforeAll(async () => {
  compiled = await compileWithCatalog(parseSpec(adtTestSpec()), nodeSchemaCatalog(), { validate: true });
});

const adtSamples = readdirSync(samplesDir).filter((f) => f.endsWith('.hl7') && parseHl7(readSample(f)).get('MSH-9.1') === 'ADT');

describe('a mapping with every node kind, on real ADT messages', () => {
  it('finds the ADT samples', () => {
    expect(adtSamples).toEqual(['fhirconverter_ADT-A01-01.hl7', 'fhirconverter_ADT01-23.hl7']);
  });

  it.each(adtSamples)('%s maps to a transaction Bundle that passes FHIR R4 validation', (file) => {
    const outcome = mapMessage(compiled, parseHl7(readSample(file)), { validate: true });
    expect(outcome.ok ? [] : [outcome.error, outcome.issues]).toEqual([]);
  });

  it('builds each resource from the right fields (fhirconverter_ADT-A01-01)', () => {
    const outcome = mapMessage(compiled, parseHl7(readSample('fhirconverter_ADT-A01-01.hl7')));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [patient, encounter, observation, allergy] = outcome.output.entry;
    expect(outcome.output.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Encounter', 'Observation', 'AllergyIntolerance']);
    const p = patient.resource as unknown as { identifier: Array<{ value: string; type: unknown }>; name: Array<{ family: string; given: string[] }>; gender: string; birthDate: string };
    expect(p.identifier.map((i) => i.value)).toEqual(['PATID1234', '123456789']);
    expect(p.identifier[1].type).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] });
    expect(p.name.map((n) => n.family)).toEqual(['EVERYMAN', 'Josh']);
    expect(p.name[0].given).toEqual(['ADAM', 'A']);
    expect(p.gender).toBe('male');
    expect(p.birthDate).toBe('1988-08-18');
    expect(encounter.resource).toEqual({
      resourceType: 'Encounter',
      class: { code: 'PRENC', system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', display: 'pre-admission' },
      status: 'in-progress',
      subject: { reference: patient.fullUrl },
      identifier: [{ value: '40007716' }],
    });
    expect(observation.resource.valueQuantity).toEqual({ value: 60, unit: 'beats/min', system: 'http://unitsofmeasure.org', code: '/min' }); // OBX-6 beats/min^^ISO: a legacy ISO+ unit read as UCUM
    expect(observation.resource.code).toEqual({ coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'heartrate' }] });
    const a = allergy.resource as unknown as { patient: unknown; code: { coding: unknown[] } };
    expect(a.patient).toEqual({ reference: patient.fullUrl });
    expect(a.code.coding[0]).toMatchObject({ code: 'P', display: 'PENICILLIN' });
  });

  it('keeps non-numeric OBX out of valueQuantity through the filter, and reports invalid outputs with their issues', () => {
    // The CBC message has NM, CWE and TX results; only NM/SN ones get a valueQuantity.
    const text = readSample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7');
    const message = parseHl7(text);
    const outcome = mapMessage(compiled, message);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const observations = outcome.output.entry.filter((e) => e.resource.resourceType === 'Observation');
    const obx = message.segmentsById('OBX');
    expect(observations).toHaveLength(obx.length);
    observations.forEach((entry, i) => {
      const numeric = obx[i].value(2) === 'NM' && obx[i].value(5) !== undefined;
      expect(entry.resource.valueQuantity !== undefined).toBe(numeric);
    });
    // An ORU whose OBX lack OBX-3 and OBX-11: the validator names the missing elements.
    const invalid = mapMessage(compiled, parseHl7(readSample('lfh_ORU-multiline-short-mixed.hl7')), { validate: true });
    expect(invalid.ok).toBe(false);
    if (invalid.ok) return;
    expect(invalid.error.code).toBe('OUTPUT_INVALID');
    expect(invalid.issues?.[0]).toMatchObject({ code: 'cardinality', path: 'Bundle.entry[3].resource.code' });
  });

  it('maps a message the same way whether it arrives with CR, LF or MLLP framing', () => {
    const text = readSample('fhirconverter_ADT-A01-01.hl7');
    const cr = mapMessage(compiled, parseHl7(text));
    const lf = mapMessage(compiled, parseHl7(text.replace(/\r/g, '\n')));
    const mllp = mapMessage(compiled, (parseHl7Batch(`\x0b${text}\x1c\r`)[0] as { message: ReturnType<typeof parseHl7> }).message);
    expect(JSON.stringify(lf)).toBe(JSON.stringify(cr));
    expect(JSON.stringify(mllp)).toBe(JSON.stringify(cr));
  });
});

describe('data errors', () => {
  it('name the element and link, and never quote the value', async () => {
    const spec = parseSpec(adtTestSpec());
    // PID-5.1 (a family name) into a decimal: a mapping mistake that only the data reveals.
    spec.maps[0].links.push({ id: 'bad', from: { source: 'msg', path: 'PID-5.1' }, to: { target: 'obs', path: 'Observation.value[x]:valueQuantity.value' } });
    const bad = await compileWithCatalog(spec, nodeSchemaCatalog());
    const outcome = mapMessage(bad, parseHl7(readSample('fhirconverter_ADT-A01-01.hl7')));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toEqual({
      code: 'MAP_TYPE',
      message: 'Observation.value[x]:valueQuantity.value is a decimal, but its link gave text.',
      where: { map: 'ADT_A01', link: 'bad', path: 'Observation.value[x]:valueQuantity.value' },
    });
    expect(JSON.stringify(outcome.error)).not.toContain('EVERYMAN');
  });
});
