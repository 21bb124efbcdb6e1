import { beforeAll, describe, expect, test } from 'vitest';
import { fhirCatalog } from '../../../node/fixtures/referenceFixtures';
import { errorOf } from '../../errors/errorOf';
import { parseHl7 } from '../../hl7v2';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { MapBuilder, buildSpec, fhirResource, hl7Datatype, hl7Message } from '../build/MapBuilder';
import { compileMapping } from '../compile/compileMapping';
import { parseSpec } from '../spec/parseSpec';
import type { MappingSpec, TargetRequest } from '../spec/MappingSpec';
import { executeMapping, type TransactionBundle } from './executeMapping';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Patient', 'Encounter', 'Practitioner', 'Observation']);
});

const MSH = 'MSH|^~\\&|HIS|GHH|LIS|GHH|20240301080000+0100||ADT^A01^ADT_A01|MSG1|P|2.5.1';

/** XCN → Practitioner: identifier (value, and system when XCN.9 is an ISO OID), family name. */
function xcnPractitioner() {
  const b = new MapBuilder('XCN[Practitioner]', 'datatype', hl7Datatype('XCN'), fhirResource('Practitioner'));
  b.set('Practitioner.identifier.value', b.src('XCN.1'));
  b.set('Practitioner.identifier.system', b.cond("XCN.9.3 = 'ISO'", b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn'), b.src('XCN.9.2')], 'oid'), 'is-oid'));
  b.set('Practitioner.name.family', b.src('XCN.2'));
  return b.build();
}

/**
 * ADT_A01 → a Patient (PID-3 identifiers, with PID-3.5 as type), an Encounter listing every PV1-7
 * doctor, and a Practitioner per PV1-7 repetition; each target's request as given.
 */
function adtSpec(requests: { patient?: TargetRequest; practitioner?: TargetRequest } = {}): MappingSpec {
  const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'));
  b.target('patient', 'Patient', requests.patient);
  b.target('encounter', 'Encounter');
  const practitioner = b.target('practitioner', 'Practitioner', requests.practitioner);
  b.each('Patient.identifier', b.src('PID-3'));
  b.set('Patient.identifier.value', b.src('PID-3.1'));
  b.set('Patient.identifier.system', b.cond("PID-3.4.3 = 'ISO'", b.fnMany('string.concat', 'values', [b.constant('urn:oid:', 'urn'), b.src('PID-3.4.2')], 'oid'), 'is-oid'));
  b.set('Patient.identifier.type.coding.code', b.src('PID-3.5'));
  b.set('Patient.name.family', b.src('PID-5.1'));
  b.set('Encounter.status', b.constant('in-progress', 'status'));
  b.set('Encounter.class.code', b.constant('IMP', 'class'));
  b.each('Encounter.participant', b.src('PV1-7'));
  b.set('Encounter.participant.individual', b.ref(practitioner));
  // Outside a context over PV1-7, a reference lists every Practitioner.
  b.set('Encounter.reasonReference', b.ref(practitioner, 'every-practitioner'));
  b.each('Practitioner', b.src('PV1-7'));
  b.set('Practitioner', b.call('XCN[Practitioner]', b.src('PV1-7')));
  return parseSpec(buildSpec([b.build(), xcnPractitioner()], [], { defaultTimezone: 'Z' }));
}

function run(spec: MappingSpec, pid3: string, pv17 = ''): TransactionBundle {
  const plan = compileMapping(spec, { elements: catalog });
  return executeMapping(plan, parseHl7(`${MSH}\rPID|1||${pid3}||Garcia^Ana\rPV1|1|I|||||${pv17}\r`)).bundle;
}

describe('conditional requests', () => {
  test('a POST with a search is a conditional create: ifNoneExist holds every identifier, system|value, or |value without a system', () => {
    const bundle = run(adtSpec({ patient: { method: 'POST', search: [{ name: 'identifier' }] } }), 'A1^^^GHH&2.16.840.1.113883.19&ISO^MR~778-33-1234^^^SSA^SS');
    expect(bundle.entry[0].request).toEqual({ method: 'POST', url: 'Patient', ifNoneExist: 'identifier=urn:oid:2.16.840.1.113883.19|A1,|778-33-1234' });
    expect(bundle.entry[0].resource.id).toBeUndefined();
  });

  test('a PUT with a search is a conditional update: the search is the url and the resource carries no id of ours', () => {
    const bundle = run(adtSpec({ patient: { method: 'PUT', search: [{ name: 'identifier' }] } }), 'A1^^^GHH&2.16.840.1.113883.19&ISO^MR');
    expect(bundle.entry[0].request).toEqual({ method: 'PUT', url: 'Patient?identifier=urn:oid:2.16.840.1.113883.19|A1' });
    expect(bundle.entry[0].resource).toEqual({ resourceType: 'Patient', identifier: [{ value: 'A1', system: 'urn:oid:2.16.840.1.113883.19', type: { coding: [{ code: 'MR' }] } }], name: [{ family: 'Garcia' }] });
    expect(bundle.entry[0].fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  test('ofType takes only the identifiers of that type', () => {
    const bundle = run(adtSpec({ patient: { method: 'POST', search: [{ name: 'identifier', ofType: 'MR' }] } }), '778-33-1234^^^SSA^SS~A1^^^GHH^MR');
    expect(bundle.entry[0].request).toEqual({ method: 'POST', url: 'Patient', ifNoneExist: 'identifier=|A1' });
  });

  test('search values are escaped as FHIR search escapes them and encoded as a URL query', () => {
    const bundle = run(adtSpec({ patient: { method: 'PUT', search: [{ name: 'identifier' }] } }), 'A\\F\\1,2$3 4\\T\\5\\E\\6');
    // A|1,2$3 4&5\6: | , $ \ escaped with a backslash, then the backslash, space and & percent-encoded.
    expect(bundle.entry[0].request.url).toBe('Patient?identifier=|A%5C|1%5C,2%5C%243%204%265%5C%5C6');
  });

  test('without a search value: fail by default, naming the target and the element', () => {
    const error = errorOf(() => run(adtSpec({ patient: { method: 'POST', search: [{ name: 'identifier', ofType: 'MR' }] } }), '778-33-1234^^^SSA^SS'));
    expect(error.code).toBe('REQUEST_NO_SEARCH_VALUE');
    expect(error.message).toBe('Target "patient" writes Patient conditionally on identifier, but this Patient has no value for it, and the target\'s request says to fail then.');
    expect(error.where).toEqual({ node: 'patient', path: 'Patient.identifier' });
  });

  test('without a search value and otherwise create: a plain POST, or a PUT by the deterministic id', () => {
    const post = run(adtSpec({ patient: { method: 'POST', search: [{ name: 'identifier', ofType: 'MR' }], otherwise: 'create' } }), '778-33-1234^^^SSA^SS');
    expect(post.entry[0].request).toEqual({ method: 'POST', url: 'Patient' });
    const put = run(adtSpec({ patient: { method: 'PUT', search: [{ name: 'identifier', ofType: 'MR' }], otherwise: 'create' } }), '778-33-1234^^^SSA^SS');
    const id = put.entry[0].resource.id as string;
    expect(put.entry[0].request).toEqual({ method: 'PUT', url: `Patient/${id}` });
    expect(put.entry[0].fullUrl).toBe(`urn:uuid:${id}`);
  });
});

describe('one record per identity within a message', () => {
  const merged: TargetRequest = { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create', sameRecord: 'merge' };

  test('the same doctor twice is one Practitioner, and every reference points at it', () => {
    const bundle = run(adtSpec({ practitioner: merged }), 'A1', '1234^Smith^John^^^^^^GHH&2.16.840.1.113883.19&ISO~5678^Jones^Mary~1234^Smith^J^^^^^^GHH&2.16.840.1.113883.19&ISO');
    const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
    expect(practitioners.map((e) => [e.request, e.resource])).toEqual([
      [{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=urn:oid:2.16.840.1.113883.19|1234' }, { resourceType: 'Practitioner', identifier: [{ value: '1234', system: 'urn:oid:2.16.840.1.113883.19' }], name: [{ family: 'Smith' }] }],
      [{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=|5678' }, { resourceType: 'Practitioner', identifier: [{ value: '5678' }], name: [{ family: 'Jones' }] }],
    ]);
    const [smith, jones] = practitioners.map((e) => e.fullUrl);
    const encounter = bundle.entry[1].resource;
    expect(encounter.participant).toEqual([{ individual: { reference: smith } }, { individual: { reference: jones } }, { individual: { reference: smith } }]);
    // A list of every Practitioner names each record once.
    expect(encounter.reasonReference).toEqual([{ reference: smith }, { reference: jones }]);
  });

  test('merging, two doctors without an identifier are one when their content is the same', () => {
    const bundle = run(adtSpec({ practitioner: merged }), 'A1', '^Smith~^Smith~^Jones');
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner').map((e) => [e.request, e.resource.name])).toEqual([
      [{ method: 'POST', url: 'Practitioner' }, [{ family: 'Smith' }]],
      [{ method: 'POST', url: 'Practitioner' }, [{ family: 'Jones' }]],
    ]);
  });

  test('by default the same search is one record only with the same content: a conflict fails the message', () => {
    const strict: TargetRequest = { method: 'POST', search: [{ name: 'identifier' }] };
    const same = run(adtSpec({ practitioner: strict }), 'A1', '1234^Smith~1234^Smith');
    expect(same.entry.filter((e) => e.resource.resourceType === 'Practitioner')).toHaveLength(1);
    const error = errorOf(() => run(adtSpec({ practitioner: strict }), 'A1', '1234^Smith~1234^Jones'));
    expect(error.code).toBe('REQUEST_SAME_RECORD');
    expect(error.message).toBe('Two Practitioner resources of target "practitioner" have the same search (identifier) but different content, so they cannot be written as one record; make the search tell them apart, or set the target\'s sameRecord to merge.');
    expect(error.where).toEqual({ node: 'practitioner' });
  });

  /** Attending (PV1-7) and admitting (PV1-17) doctors as two Practitioner targets, each a participant of the Encounter. */
  function twoRolesSpec(attending: TargetRequest, admitting: TargetRequest): MappingSpec {
    const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'));
    b.target('encounter', 'Encounter');
    const roles = [['attending', 'PV1-7', attending], ['admitting', 'PV1-17', admitting]] as const;
    for (const [id, , request] of roles) b.target(id, 'Practitioner', request);
    b.set('Encounter.status', b.constant('in-progress', 'status'));
    b.set('Encounter.class.code', b.constant('IMP', 'class'));
    roles.forEach(([id, field], order) => {
      b.each('Encounter.participant', b.src(field), order);
      b.set('Encounter.participant.individual', b.cond(`${field} != null`, b.ref(id), `${id}-of`));
      b.eachOn(id, 'Practitioner', b.src(field));
      b.setOn(id, 'Practitioner', b.call('XCN[Practitioner]', b.src(field), `${id}-doctor`));
    });
    return parseSpec(buildSpec([b.build(), xcnPractitioner()], [], { defaultTimezone: 'Z' }));
  }
  const visit = (spec: MappingSpec, pv17: string, pv117: string): TransactionBundle =>
    executeMapping(compileMapping(spec, { elements: catalog }), parseHl7(`${MSH}\rPID|1||A1||Garcia^Ana\rPV1|1|I|||||${pv17}||||||||||${pv117}\r`)).bundle;

  test('targets of one resource type that both merge share their records: a doctor attending and admitting is one Practitioner', () => {
    const bundle = visit(twoRolesSpec(merged, merged), '1234^Smith~5678^Jones', '5678^Jones^M');
    const practitioners = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
    expect(practitioners.map((e) => [e.request.ifNoneExist, e.resource.name])).toEqual([
      ['identifier=|1234', [{ family: 'Smith' }]],
      ['identifier=|5678', [{ family: 'Jones' }]],
    ]);
    const [smith, jones] = practitioners.map((e) => e.fullUrl);
    expect(bundle.entry[0].resource.participant).toEqual([{ individual: { reference: smith } }, { individual: { reference: jones } }, { individual: { reference: jones } }]);
  });

  test('merging across targets by content too; one search across targets is one record whatever the policy (a transaction cannot hold two conditional creates of one record)', () => {
    const byContent = visit(twoRolesSpec(merged, merged), '^Smith', '^Smith');
    expect(byContent.entry.filter((e) => e.resource.resourceType === 'Practitioner')).toHaveLength(1);
    const strict: TargetRequest = { method: 'POST', search: [{ name: 'identifier' }], otherwise: 'create' };
    const searched = visit(twoRolesSpec(merged, strict), '1234^Smith', '1234^Smith');
    expect(searched.entry.filter((e) => e.resource.resourceType === 'Practitioner').map((e) => e.request.ifNoneExist)).toEqual(['identifier=|1234']);
    const byContentOnly = visit(twoRolesSpec(merged, { method: 'POST' }), '^Smith', '^Smith');
    expect(byContentOnly.entry.filter((e) => e.resource.resourceType === 'Practitioner')).toHaveLength(2);
  });

  test('without sameRecord, resources with neither search nor identity stay as many as the message has', () => {
    const bundle = run(adtSpec(), 'A1', '^Smith~^Smith');
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner')).toHaveLength(2);
  });

  /** The attending (PV1-7) and referring (PV1-8) doctors, each a target of its own with this request, both participants of the Encounter. */
  function twoRoles(request: TargetRequest): MappingSpec {
    const b = new MapBuilder('ADT_A01', 'message', hl7Message('ADT_A01'));
    b.target('encounter', 'Encounter');
    const attending = b.target('attending', 'Practitioner', request);
    const referring = b.target('referring', 'Practitioner', request);
    b.set('Encounter.status', b.constant('in-progress', 'status'));
    b.set('Encounter.class.code', b.constant('IMP', 'class'));
    // A condition on each field says which participant context a reference belongs to.
    b.each('Encounter.participant', b.src('PV1-7'));
    b.set('Encounter.participant.individual', b.cond('PV1-7 != null', b.ref(attending), 'is-attending'));
    b.each('Encounter.participant', b.src('PV1-8'), 1);
    b.set('Encounter.participant.individual', b.cond('PV1-8 != null', b.ref(referring), 'is-referring'));
    b.eachOn(attending, 'Practitioner', b.src('PV1-7'));
    b.setOn(attending, 'Practitioner', b.call('XCN[Practitioner]', b.src('PV1-7')));
    b.eachOn(referring, 'Practitioner', b.src('PV1-8'));
    b.setOn(referring, 'Practitioner', b.call('XCN[Practitioner]', b.src('PV1-8')));
    return parseSpec(buildSpec([b.build(), xcnPractitioner()], [], { defaultTimezone: 'Z' }));
  }
  const twoRolesRun = (spec: MappingSpec, pv17: string, pv18: string) => executeMapping(compileMapping(spec, { elements: catalog }), parseHl7(`${MSH}\rPID|1||A1||Garcia^Ana\rPV1|1|I|||||${pv17}|${pv18}\r`)).bundle;

  test('one doctor in two roles (two targets, the same search) is one Practitioner: a transaction must not hold two conditional creates of one record', () => {
    const bundle = twoRolesRun(twoRoles({ method: 'POST', search: [{ name: 'identifier' }], sameRecord: 'merge' }), '1234^Smith', '1234^Smith~5678^Jones');
    const doctors = bundle.entry.filter((e) => e.resource.resourceType === 'Practitioner');
    expect(doctors.map((e) => [e.request, e.resource.name])).toEqual([
      [{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=|1234' }, [{ family: 'Smith' }]],
      [{ method: 'POST', url: 'Practitioner', ifNoneExist: 'identifier=|5678' }, [{ family: 'Jones' }]],
    ]);
    const participants = bundle.entry[0].resource.participant as Array<{ individual: { reference: string } }>;
    expect(participants.map((p) => p.individual.reference)).toEqual([doctors[0].fullUrl, doctors[0].fullUrl, doctors[1].fullUrl]);
  });

  test('by default, one search in two targets with different content fails the message, naming both targets', () => {
    const error = errorOf(() => twoRolesRun(twoRoles({ method: 'POST', search: [{ name: 'identifier' }] }), '1234^Smith', '1234^Smyth'));
    expect(error.code).toBe('REQUEST_SAME_RECORD');
    expect(error.message).toBe('Two Practitioner resources of targets "attending" and "referring" have the same search (identifier) but different content, so they cannot be written as one record; make the search tell them apart, or set the target\'s sameRecord to merge.');
    expect(error.where).toEqual({ node: 'referring' });
  });
});

describe('the request in the spec', () => {
  const compile = (patient: unknown) => () => compileMapping(adtSpec({ patient: patient as TargetRequest }), { elements: catalog });

  test.each([
    [{ method: 'POST', search: [{ name: 'mrn' }] }, 'FHIR R4 Patient has no search parameter "mrn".'],
    [{ method: 'POST', search: [{ name: 'birthdate' }] }, 'The search parameter birthdate of Patient is a date parameter; a conditional request searches by token or uri parameters (identifier, code, status …), which match exactly.'],
    [{ method: 'POST', search: [{ name: 'gender', ofType: 'MR' }] }, 'The search parameter gender of Patient does not read identifiers, so it cannot pick them by type (ofType).'],
    [{ method: 'POST', search: [{ name: 'identifier' }, { name: 'identifier' }] }, 'Target "patient" searches by identifier twice; list each parameter once (a parameter with several values already matches any of them).'],
  ])('%j is refused when compiled', (request, sentence) => {
    const error = errorOf(compile(request));
    expect(error.code).toBe('MAP_REQUEST_SEARCH');
    expect(error.message).toBe(sentence);
    expect(error.where.node).toBe('patient');
  });

  test('a parameter whose expression is more than an element path is refused, naming the expression', () => {
    // Patient's `phone` is `Patient.telecom.where(system='phone')`.
    const error = errorOf(compile({ method: 'POST', search: [{ name: 'phone' }] }));
    expect(error.message).toBe('The search parameter phone of Patient reads "Patient.telecom.where(system=\'phone\')", which this engine cannot read from a resource; choose a parameter on a plain element path.');
  });

  test('otherwise without a search, and an unknown member, are not valid specs', () => {
    expect(errorOf(() => adtSpec({ patient: { method: 'POST', otherwise: 'create' } })).code).toBe('SPEC_INVALID');
    expect(errorOf(() => adtSpec({ patient: { method: 'POST', ifNoneExist: 'identifier=1' } as unknown as TargetRequest })).code).toBe('SPEC_INVALID');
  });
});
