import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledBundle, TransactionBundle } from '../../../runtime/index';
import { writeJson } from '../../../shared/common/json/writeJson';
import { compiledExample, mapOne, outputOf, readSample, resources, withFields } from './clinicalFixture';

// Immunizations as a clinical reviewer reads them (issue 10, item 7): the shipped VXU^V04 example on
// the reference samples and on variants of them, one behaviour each, with the exact resources.

const VXU = 'examples/vxu-v04-to-immunization.crosswalk.json';
let vxu: CompiledBundle;
beforeAll(async () => {
  vxu = await compiledExample(VXU);
});

type Resource = Record<string, unknown>;
/** Parsed JSON of what the output JSON text says (decimals as the numbers they are). */
const plain = <T>(value: T): T => JSON.parse(writeJson(value)) as T;
const map = (text: string): TransactionBundle => plain(outputOf(mapOne(vxu, text)));
const fullUrl = (bundle: TransactionBundle, type: string, index = 0): string => bundle.entry.filter((e) => e.resource.resourceType === type)[index].fullUrl;

const IZ = readSample('fhirconverter_IZ_1_1.1_Admin_Child_Max_Message.hl7');
const IZGATEWAY = readSample('izgateway_VXU_V04.hl7');
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const V2_0443 = 'http://terminology.hl7.org/CodeSystem/v2-0443';

describe('a dose as the sender recorded it (NIST IZ test message)', () => {
  test('vaccine, manufacturer, lot, expiry, dose, route, site, status, primary source, providers and funding eligibility', () => {
    const bundle = map(IZ);
    const url = (type: string, i = 0) => ({ reference: fullUrl(bundle, type, i) });
    expect(resources(bundle, 'Immunization')).toEqual([{
      resourceType: 'Immunization',
      identifier: [{ value: 'IZ-783274', assigner: { display: 'NDA' }, type: { coding: [{ system: V2_0203, code: 'FILL' }] } }],
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal, injectable, preservative free' }] },
      patient: url('Patient'),
      occurrenceDateTime: '2012-08-14',
      primarySource: true,
      manufacturer: url('Organization'),
      lotNumber: 'Z0860BB',
      expirationDate: '2012-11-04',
      site: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0163', code: 'LD', display: 'Left Arm' }] },
      route: { coding: [{ system: 'http://ncimeta.nci.nih.gov', code: 'C28161', display: 'Intramuscular' }] },
      doseQuantity: { value: 0.5, unit: 'MilliLiter [SI Volume Units]', system: 'http://unitsofmeasure.org', code: 'mL' },
      performer: [
        { function: { coding: [{ system: V2_0443, code: 'OP', display: 'Ordering Provider' }] }, actor: url('Practitioner', 0) },
        { function: { coding: [{ system: V2_0443, code: 'AP', display: 'Administering Provider' }] }, actor: url('Practitioner', 1) },
      ],
      programEligibility: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0064', code: 'V05', display: 'VFC eligible - Federally Qualified Health Center Patient (under-insured)' }] }],
    }]);
    expect(resources(bundle, 'Organization')).toEqual([{ resourceType: 'Organization', identifier: [{ system: 'http://terminology.hl7.org/CodeSystem/MVX', value: 'CSL' }], name: 'CSL Behring' }]);
    // XCN identifiers keep their assigning authority (XCN.9) as the assigner (issue 10, item 6).
    expect(resources(bundle, 'Practitioner')).toEqual([
      { resourceType: 'Practitioner', identifier: [{ value: '57422', assigner: { display: 'NIST-AA-1' } }], name: [{ family: 'RADON', given: ['NICHOLAS'], use: 'official' }] },
      { resourceType: 'Practitioner', identifier: [{ value: '7832-1', assigner: { display: 'NIST-AA-1' } }], name: [{ family: 'Lemon', given: ['Mike', 'A'] }] },
    ]);
  });

  test('the vaccine information statement stays three Observations of the dose: which VIS, published, presented', () => {
    const bundle = map(IZ);
    const dose = [{ reference: fullUrl(bundle, 'Immunization') }];
    expect(resources(bundle, 'Observation').map((o) => [(o.code as { coding: { code: string }[] }).coding[0].code, o.valueCodeableConcept ?? o.valueDateTime, o.partOf, o.status])).toEqual([
      ['30956-7', { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '88', display: 'Influenza, unspecified formulation' }] }, dose, 'final'],
      ['29768-9', '2012-07-02', dose, 'final'],
      ['29769-7', '2012-08-14', dose, 'final'],
    ]);
  });

  test('the VFC eligibility (64994-7) and funding source (30963-3) OBX are the Immunization\'s, not Observations', () => {
    const funded = withFields(IZ, 'OBX', 2, { 3: '30963-3^Vaccine funding source^LN', 5: 'VXC50^Public^CDCPHINVS' });
    const bundle = map(funded);
    const [dose] = resources(bundle, 'Immunization');
    expect(dose.fundingSource).toEqual({ coding: [{ code: 'VXC50', display: 'Public' }] });
    expect(resources(bundle, 'Observation').map((o) => (o.code as { coding: { code: string }[] }).coding[0].code)).toEqual(['29768-9', '29769-7']);
  });

  test('a dose of 0.50 mL keeps its precision in the output JSON text (issue 10, item 4)', () => {
    const text = writeJson(resources(outputOf(mapOne(vxu, withFields(IZ, 'RXA', 1, { 6: '0.50' }))), 'Immunization')[0].doseQuantity);
    expect(text).toBe('{"value":0.50,"unit":"MilliLiter [SI Volume Units]","code":"mL","system":"http://unitsofmeasure.org"}');
  });
});

describe('status and reason (RXA-18, RXA-20, RXA-21)', () => {
  const dose = (rxa: Record<number, string>): Resource => resources(map(withFields(IZ, 'RXA', 1, rxa)), 'Immunization')[0];

  test('a refusal (RE) is not-done with its reason; CDC\'s amount 999 (unknown) gives no dose rather than 999 mL', () => {
    const refused = dose({ 6: '999', 7: '', 18: '00^Parental decision^NIP002', 20: 'RE' });
    expect([refused.status, refused.statusReason, refused.doseQuantity]).toEqual(['not-done', { coding: [{ code: '00', display: 'Parental decision' }] }, undefined]);
  });

  test.each([
    ['NA', '', 'not-done', undefined],
    ['PA', '', 'completed', true],
    ['', '', 'completed', undefined],
    ['CP', 'D', 'entered-in-error', undefined],
    ['CP', 'U', 'completed', undefined],
  ])('RXA-20 %j with RXA-21 %j: %s (isSubpotent %s)', (completion, action, status, subpotent) => {
    const given = dose({ 20: completion, 21: action });
    expect([given.status, given.isSubpotent]).toEqual([status, subpotent]);
  });

  test('a completion status outside table 0322 fails the message rather than claim the dose was given', () => {
    const result = mapOne(vxu, withFields(IZ, 'RXA', 1, { 20: 'ZZ' }));
    expect(result.ok ? undefined : [result.error.code, result.error.where]).toEqual(['VALUEMAP_UNMAPPED', expect.objectContaining({ map: 'RXA[Immunization]', node: 'completion' })]);
    expect(result.ok ? '' : result.error.message).not.toContain('ZZ');
  });

  test('RXA-22 is when an added record (RXA-21 A) was entered; it replaces the order event time ORC-9', () => {
    const entered = resources(map(withFields(withFields(IZ, 'ORC', 1, { 9: '20120813090000+0700' }), 'RXA', 1, { 21: 'A', 22: '20120814101500+0700' })), 'Immunization')[0];
    expect(entered.recorded).toBe('2012-08-14T10:15:00+07:00');
    expect(resources(map(withFields(IZ, 'ORC', 1, { 9: '20120813090000+0700' })), 'Immunization')[0].recorded).toBe('2012-08-13T09:00:00+07:00');
  });
});

describe('historical doses and primary source (RXA-9, the CDC NIP001 table)', () => {
  test('izgateway: the historical hepatitis B dose (01) is no primary source, says where it came from, and has no dose of 999', () => {
    const [historical, given] = resources(map(IZGATEWAY), 'Immunization');
    expect(historical).toEqual({
      resourceType: 'Immunization',
      identifier: [{ value: '65929', assigner: { display: 'DCS' }, type: { coding: [{ system: V2_0203, code: 'FILL' }] } }],
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '85', display: 'hep B, unspec' }] },
      patient: { reference: fullUrl(map(IZGATEWAY), 'Patient') },
      occurrenceDateTime: '2011-04-15',
      primarySource: false,
      reportOrigin: { coding: [{ code: '01', display: 'historical' }] },
    });
    expect([given.primarySource, given.reportOrigin]).toEqual([true, undefined]);
  });

  test('providers without an identifier are named on the dose, never created as records nobody could find again', () => {
    const bundle = map(IZGATEWAY);
    expect(resources(bundle, 'Practitioner')).toEqual([]);
    expect(resources(bundle, 'Immunization')[1].performer).toEqual([
      { function: { coding: [{ system: V2_0443, code: 'OP', display: 'Ordering Provider' }] }, actor: { display: 'Mary Pediatric' } },
      { function: { coding: [{ system: V2_0443, code: 'AP', display: 'Administering Provider' }] }, actor: { display: 'Nurse Sticker' } },
    ]);
  });
});

describe('records, not copies (issue 10, item 3)', () => {
  const REQUESTS = [
    { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=|432155' },
    { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=http://terminology.hl7.org/CodeSystem/MVX|SKB' },
    { method: 'POST', url: 'Organization', ifNoneExist: 'identifier=http://terminology.hl7.org/CodeSystem/MVX|PMC' },
    { method: 'PUT', url: 'Immunization?identifier=|65929' },
    { method: 'PUT', url: 'Immunization?identifier=|65930' },
    { method: 'PUT', url: 'Immunization?identifier=|65949' },
    { method: 'PUT', url: 'Observation?identifier=|65930-29769-7-2' },
    { method: 'PUT', url: 'Observation?identifier=|65930-69764-9-2' },
    { method: 'PUT', url: 'Observation?identifier=|65949-29769-7-2' },
    { method: 'PUT', url: 'Observation?identifier=|65949-69764-9-2' },
  ];

  test('izgateway (three orders): every record written conditionally on its identifier, the same when the sender resends it', () => {
    const first = map(IZGATEWAY);
    expect(first.entry.map((e) => e.request)).toEqual(REQUESTS);
    const resent = map(withFields(IZGATEWAY, 'MSH', 1, { 7: '201201130930-0500', 10: '45646ug-2' }));
    expect(resent.entry.map((e) => e.request)).toEqual(REQUESTS);
    expect(resent.entry.map((e) => e.fullUrl)).not.toEqual(first.entry.map((e) => e.fullUrl));
  });

  test('each Observation is part of its own order\'s Immunization', () => {
    const bundle = map(IZGATEWAY);
    const doses = [1, 2].map((i) => [{ reference: fullUrl(bundle, 'Immunization', i) }]);
    expect(resources(bundle, 'Observation').map((o) => o.partOf)).toEqual([doses[0], doses[0], doses[1], doses[1]]);
  });

  test('an update of the dose (RXA-21 U) or its deletion (D) is written over the record it updates', () => {
    const [update] = map(withFields(IZ, 'RXA', 1, { 21: 'U' })).entry.filter((e) => e.resource.resourceType === 'Immunization');
    const [deletion] = map(withFields(IZ, 'RXA', 1, { 21: 'D' })).entry.filter((e) => e.resource.resourceType === 'Immunization');
    expect([update.request, deletion.request]).toEqual([{ method: 'PUT', url: 'Immunization?identifier=|IZ-783274' }, { method: 'PUT', url: 'Immunization?identifier=|IZ-783274' }]);
    expect([update.resource.status, deletion.resource.status]).toEqual(['completed', 'entered-in-error']);
  });

  test('the same person as ordering and administering provider is one Practitioner, both performers pointing at it', () => {
    const bundle = map(withFields(IZ, 'RXA', 1, { 10: '57422^RADON^NICHOLAS^^^^^^NIST-AA-1^L' }));
    const doctors = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
    expect(doctors.map((e) => e.request)).toEqual([{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=|57422' }]);
    expect((resources(bundle, 'Immunization')[0].performer as { actor: unknown }[]).map((p) => p.actor)).toEqual([{ reference: doctors[0].fullUrl }, { reference: doctors[0].fullUrl }]);
  });

  test('a VXU without a medical record number fails rather than guess which patient it is', () => {
    const result = mapOne(vxu, withFields(IZ, 'PID', 1, { 3: 'D26376273^^^NIST MPI^PI' }));
    expect(result.ok ? undefined : [result.error.code, result.error.where]).toEqual(['REQUEST_NO_SEARCH_VALUE', { node: 'patient', path: 'Patient.identifier' }]);
  });
});
