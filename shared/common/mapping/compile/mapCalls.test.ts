import { beforeAll, describe, expect, it } from 'vitest';
import { parseHl7 } from '../../hl7v2';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { docsExampleSpec, fhirCatalog, readSample } from '../../../node/fixtures/referenceFixtures';
import { parseSpec } from '../spec/parseSpec';
import type { MapDefinition, MappingSpec } from '../spec/MappingSpec';
import { executeMapping } from '../execute/executeMapping';
import { instancePath } from '../../hl7v2/groups';
import { compileMapping } from './compileMapping';
import { errorOf } from '../../errors/errorOf';
import { getFunction, type FunctionDefinition } from '../../functions';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Patient', 'Observation', 'DiagnosticReport', 'Identifier', 'HumanName']);
});

const V = '2.5.1';
const patientTarget = { id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } };

/** A message map over ADT_A01 with one Patient target. */
function adtMessageMap(nodes: unknown[], links: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'ADT_A01', kind: 'message', sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: V, structure: 'ADT_A01' } }], targets: [patientTarget], nodes, links, ...extra };
}

function segmentMap(id: string, segment: string, output: string, nodes: unknown[], links: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind: 'segment', sources: [{ id: 'in', schema: { standard: 'hl7v2', version: V, segment } }], targets: [{ id: 'out', schema: { standard: 'fhir-r4', resource: output } }], nodes, links, ...extra };
}

function datatypeMap(id: string, datatype: string, output: string, nodes: unknown[], links: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind: 'datatype', sources: [{ id: 'in', schema: { standard: 'hl7v2', version: V, datatype } }], targets: [{ id: 'out', schema: { standard: 'fhir-r4', type: output } }], nodes, links, ...extra };
}

function spec(maps: unknown[], valueMaps: unknown[] = []): MappingSpec {
  return parseSpec({ format: 'crosswalk.mapping/2', maps, valueMaps, settings: { defaultTimezone: 'Z' } });
}

const link = (id: string, from: string | [string, string], to: [string, string] | { node: string; port: string }, kind?: 'context'): Record<string, unknown> => ({
  id,
  from: typeof from === 'string' ? { source: from.startsWith('in:') ? 'in' : 'msg', path: from.replace(/^in:/, '') } : { node: from[0], port: from[1] },
  to: 'node' in (to as object) ? to : { target: (to as [string, string])[0], path: (to as [string, string])[1] },
  ...(kind ? { kind } : {}),
});

/** CX[Identifier]: value, system from an ISO OID assigning authority, and nothing without CX.1. */
const cxIdentifier = datatypeMap('CX[Identifier]', 'CX', 'Identifier', [
  { id: 'is-oid', kind: 'condition', expression: "CX.4.3 = 'ISO'" },
  { id: 'oid', kind: 'function', functionId: 'string.concat' },
  { id: 'urn', kind: 'constant', value: 'urn:oid:' },
], [
  link('value', 'in:CX.1', ['out', 'Identifier.value']),
  link('oid-prefix', ['urn', 'out'], { node: 'oid', port: 'values' }),
  { ...link('oid-id', 'in:CX.4.2', { node: 'oid', port: 'values' }), order: 1 },
  link('oid-if', ['oid', 'out'], { node: 'is-oid', port: 'in' }),
  link('system', ['is-oid', 'out'], ['out', 'Identifier.system']),
  link('type', 'in:CX.5', ['out', 'Identifier.type.coding.code']),
], { when: 'CX.1 != null' });

/** PID[Patient]: identifiers through CX[Identifier], family name, birth date through a primitive map. */
const pidPatient = segmentMap('PID[Patient]', 'PID', 'Patient', [
  { id: 'ids', kind: 'call', map: 'CX[Identifier]' },
  { id: 'birth', kind: 'call', map: 'DTM[date]' },
], [
  link('ids-in', 'in:PID-3', { node: 'ids', port: 'in' }),
  link('ids-out', ['ids', 'out'], ['out', 'Patient.identifier']),
  link('family', 'in:PID-5.1', ['out', 'Patient.name.family']),
  link('birth-in', 'in:PID-7', { node: 'birth', port: 'in' }),
  link('birth-out', ['birth', 'out'], ['out', 'Patient.birthDate']),
]);

const dtmDate = datatypeMap('DTM[date]', 'DTM', 'date', [{ id: 'date', kind: 'function', functionId: 'date.hl7ToFhirDate' }], [
  link('l-in', 'in:DTM', { node: 'date', port: 'value' }),
  link('l-out', ['date', 'out'], ['out', 'date']),
]);

const adtCallingPid = adtMessageMap([{ id: 'pid', kind: 'call', map: 'PID[Patient]' }], [
  link('pid-in', 'PID', { node: 'pid', port: 'in' }),
  link('pid-out', ['pid', 'out'], ['patient', 'Patient']),
], { accepts: { messages: [{ type: 'ADT', events: ['A01', 'A04', 'A08'] }] } });

/** The reference samples, with the first PID-3's assigning authority an ISO OID (the sample's is HCD) so the CX maps have a system to write. */
function sampleText(sample: string): string {
  return readSample(sample).replace('test1&2.16.1&HCD', 'test1&2.16.840.1.113883.19&ISO');
}

function run(s: MappingSpec, sample: string, trace = false) {
  const plan = compileMapping(s, { elements: catalog });
  return executeMapping(plan, parseHl7(sampleText(sample)), { trace });
}

describe('maps that call maps', () => {
  const split = (): MappingSpec => spec([adtCallingPid, pidPatient, cxIdentifier, dtmDate]);

  it('a message map applies a segment map, which applies data type maps: one Identifier per PID-3 repetition', () => {
    const { bundle } = run(split(), 'fhirconverter_ADT-A01-01.hl7');
    // PID-3: PATID1234^5^M11^test1&2.16.840.1.113883.19&ISO^MR^GOOD HEALTH HOSPITAL~123456789^^^USSSA^SS; PID-7 198808181126+0215
    expect(bundle.entry[0].resource).toEqual({
      resourceType: 'Patient',
      identifier: [
        { value: 'PATID1234', system: 'urn:oid:2.16.840.1.113883.19', type: { coding: [{ code: 'MR' }] } },
        { value: '123456789', type: { coding: [{ code: 'SS' }] } },
      ],
      name: [{ family: 'EVERYMAN' }],
      birthDate: '1988-08-18',
    });
  });

  it('gives the same output as the same links written flat in one map', () => {
    const flat = spec([adtMessageMap([
      { id: 'is-oid', kind: 'condition', expression: "PID-3.4.3 = 'ISO'" },
      { id: 'oid', kind: 'function', functionId: 'string.concat' },
      { id: 'urn', kind: 'constant', value: 'urn:oid:' },
      { id: 'date', kind: 'function', functionId: 'date.hl7ToFhirDate' },
      { id: 'has-id', kind: 'condition', expression: 'PID-3.1 != null' },
    ], [
      link('each-id', ['has-id', 'out'], ['patient', 'Patient.identifier'], 'context'),
      link('has-id-in', 'PID-3', { node: 'has-id', port: 'in' }),
      link('value', 'PID-3.1', ['patient', 'Patient.identifier.value']),
      link('oid-prefix', ['urn', 'out'], { node: 'oid', port: 'values' }),
      { ...link('oid-id', 'PID-3.4.2', { node: 'oid', port: 'values' }), order: 1 },
      link('oid-if', ['oid', 'out'], { node: 'is-oid', port: 'in' }),
      link('system', ['is-oid', 'out'], ['patient', 'Patient.identifier.system']),
      link('type', 'PID-3.5', ['patient', 'Patient.identifier.type.coding.code']),
      link('family', 'PID-5.1', ['patient', 'Patient.name.family']),
      link('birth-in', 'PID-7', { node: 'date', port: 'value' }),
      link('birth-out', ['date', 'out'], ['patient', 'Patient.birthDate']),
    ])]);
    for (const sample of ['fhirconverter_ADT-A01-01.hl7', 'fhirconverter_ADT01-23.hl7']) {
      // Equal JSON (members come in link order, which differs between the two graphs).
      expect(run(split(), sample).bundle).toEqual(run(flat, sample).bundle);
    }
  });

  it('traces a value through every map it crossed', () => {
    const { trace } = run(split(), 'fhirconverter_ADT-A01-01.hl7', true);
    const system = trace!.find((t) => t.output === 'entry[0].resource.identifier[0].system');
    expect(system).toMatchObject({
      target: 'patient',
      targetPath: 'Identifier.system',
      link: 'CX[Identifier]/system',
      // The condition's read of CX.4.3 is a source of the value too.
      sources: [{ path: 'PID-3[1].4.3', value: 'ISO' }, { path: 'PID-3[1].4.2', value: '2.16.840.1.113883.19' }],
    });
    expect(system!.links).toEqual([
      'ADT_A01/pid-out', 'ADT_A01/pid-in',
      'PID[Patient]/ids-out', 'PID[Patient]/ids-in',
      'CX[Identifier]/system', 'CX[Identifier]/oid-if', 'CX[Identifier]/oid-prefix', 'CX[Identifier]/oid-id',
    ]);
    expect(system!.nodes).toEqual(['ADT_A01/pid', 'PID[Patient]/ids', 'CX[Identifier]/is-oid', 'CX[Identifier]/urn', 'CX[Identifier]/oid']);
    const family = trace!.find((t) => t.output === 'entry[0].resource.name[0].family');
    expect(family?.links).toEqual(['ADT_A01/pid-out', 'ADT_A01/pid-in', 'PID[Patient]/family']);
  });

  it('a segment map applied to a repeating segment and linked onto the resource merges each output in order (one contact per NK1)', () => {
    const nk1Patient = segmentMap('NK1[Patient]', 'NK1', 'Patient', [], [
      link('family', 'in:NK1-2.1', ['out', 'Patient.contact.name.family']),
      link('phone', 'in:NK1-5.1', ['out', 'Patient.contact.telecom.value']),
    ]);
    const adt = adtMessageMap([{ id: 'nk1', kind: 'call', map: 'NK1[Patient]' }], [
      link('nk1-in', 'NK1', { node: 'nk1', port: 'in' }),
      link('nk1-out', ['nk1', 'out'], ['patient', 'Patient']),
    ]);
    const message = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1\rPID|1||1\rNK1|1|DUCK^DONALD|SPO||5551111\rNK1|2|DUCK^DAISY|SIS||5552222\r';
    const { bundle } = executeMapping(compileMapping(spec([adt, nk1Patient]), { elements: catalog }), parseHl7(message));
    expect(bundle.entry[0].resource).toEqual({
      resourceType: 'Patient',
      contact: [{ name: { family: 'DUCK' }, telecom: [{ value: '5551111' }] }, { name: { family: 'DUCK' }, telecom: [{ value: '5552222' }] }],
    });
  });

  it('a data type map given one component reads its parts as subcomponents (HD from CX.4)', () => {
    const hdUri = datatypeMap('HD[uri]', 'HD', 'uri', [{ id: 'iso', kind: 'condition', expression: "HD.3 = 'ISO'" }], [
      link('l-in', 'in:HD.2', { node: 'iso', port: 'in' }),
      link('l-out', ['iso', 'out'], ['out', 'uri']),
    ]);
    const cx = datatypeMap('CX[Identifier]', 'CX', 'Identifier', [{ id: 'hd', kind: 'call', map: 'HD[uri]' }], [
      link('value', 'in:CX.1', ['out', 'Identifier.value']),
      link('hd-in', 'in:CX.4', { node: 'hd', port: 'in' }),
      link('hd-out', ['hd', 'out'], ['out', 'Identifier.system']),
    ]);
    const pid = segmentMap('PID[Patient]', 'PID', 'Patient', [{ id: 'ids', kind: 'call', map: 'CX[Identifier]' }], [
      link('ids-in', 'in:PID-3', { node: 'ids', port: 'in' }),
      link('ids-out', ['ids', 'out'], ['out', 'Patient.identifier']),
    ]);
    const { bundle } = run(spec([adtCallingPid, pid, cx, hdUri]), 'fhirconverter_ADT-A01-01.hl7');
    expect(bundle.entry[0].resource.identifier).toEqual([{ value: 'PATID1234', system: '2.16.840.1.113883.19' }, { value: '123456789' }]);
    // Given a whole field instead, HD.2 would be component 2 (the check digit "5"): the binding is what differs.
  });

  it('refuses maps that call each other in a cycle, naming them', () => {
    const a = datatypeMap('CX[Identifier]', 'CX', 'Identifier', [{ id: 'again', kind: 'call', map: 'CX[Identifier-2]' }], [link('l-in', 'in:CX', { node: 'again', port: 'in' })]);
    const b = datatypeMap('CX[Identifier-2]', 'CX', 'Identifier', [{ id: 'back', kind: 'call', map: 'CX[Identifier]' }], [link('l-in', 'in:CX', { node: 'back', port: 'in' })]);
    const error = errorOf(() => compileMapping(spec([adtCallingPid, pidPatient, a, b, dtmDate]), { elements: catalog }));
    expect(error.code).toBe('MAP_CALL_CYCLE');
    expect(error.message).toBe('The maps CX[Identifier] → CX[Identifier-2] → CX[Identifier] call each other in a cycle, so none of them can be compiled.');
  });

  it('refuses a segment map given another segment, and an unknown map, naming the node', () => {
    const wrong = adtMessageMap([{ id: 'pid', kind: 'call', map: 'PID[Patient]' }], [
      link('pid-in', 'PV1', { node: 'pid', port: 'in' }),
      link('pid-out', ['pid', 'out'], ['patient', 'Patient']),
    ]);
    const error = errorOf(() => compileMapping(spec([wrong, pidPatient, cxIdentifier, dtmDate]), { elements: catalog }));
    expect(error.code).toBe('MAP_CALL_INPUT');
    expect(error.message).toBe('Map PID[Patient] reads one PID segment, but node "pid" gives it PV1.');
    expect(error.where).toMatchObject({ map: 'ADT_A01', node: 'pid' });
    const unknown = errorOf(() => spec([adtCallingPid]));
    expect(unknown.code).toBe('SPEC_UNKNOWN_MAP');
  });
});

describe('message guards', () => {
  it('a message outside what the message map accepts is refused naming MSH-9 and what it accepts', () => {
    const s = spec([adtCallingPid, pidPatient, cxIdentifier, dtmDate]);
    const error = errorOf(() => run(s, 'fhirconverter_ORU-R01-RMGEAD.hl7'));
    expect(error.code).toBe('MESSAGE_NOT_ACCEPTED');
    expect(error.message).toBe('The message is ORU^R01 v2.4 (MSH-9, MSH-12), which this mapping does not accept; it accepts ADT^A01, ADT^A04, ADT^A08.');
    expect(error.where).toEqual({ segmentId: 'MSH', field: 9, path: 'MSH-9' });
  });

  it('several message maps: each message goes to the first that accepts it', () => {
    const oru = {
      id: 'ORU_R01', kind: 'message', accepts: { messages: [{ type: 'ORU' }] },
      sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: V, structure: 'ORU_R01' } }],
      targets: [{ id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } }],
      nodes: [], links: [link('each', 'OBX', ['obs', 'Observation'], 'context'), link('code', 'OBX-3.1', ['obs', 'Observation.code.coding.code'])],
    };
    const s = spec([adtCallingPid, oru, pidPatient, cxIdentifier, dtmDate]);
    expect(run(s, 'fhirconverter_ORU-R01-RMGEAD.hl7').map).toBe('ORU_R01');
    expect(run(s, 'fhirconverter_ADT-A01-01.hl7').map).toBe('ADT_A01');
  });
});

describe('HL7 v2 groups', () => {
  const oruMessageMap = (extraNodes: unknown[] = [], extraLinks: unknown[] = []): MapDefinition => ({
    id: 'ORU_R01', kind: 'message',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: V, structure: 'ORU_R01' } }],
    targets: [
      { id: 'report', schema: { standard: 'fhir-r4', resource: 'DiagnosticReport' } },
      { id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } },
    ],
    nodes: [{ id: 'results', kind: 'reference', target: 'obs' }, ...extraNodes],
    links: [
      link('each-order', 'PATIENT_RESULT.ORDER_OBSERVATION', ['report', 'DiagnosticReport'], 'context'),
      link('report-code', 'OBR-4.1', ['report', 'DiagnosticReport.code.coding.code']),
      link('report-result', ['results', 'out'], ['report', 'DiagnosticReport.result']),
      link('each-obs', 'ORDER_OBSERVATION.OBSERVATION', ['obs', 'Observation'], 'context'),
      link('obs-code', 'OBX-3.1', ['obs', 'Observation.code.coding.code']),
      // Read from the OBR of the Observation's own ORDER_OBSERVATION.
      link('obs-based', 'OBR-4.1', ['obs', 'Observation.category.coding.code']),
      ...extraLinks,
    ],
  } as MapDefinition);

  const compileOru = (map: MapDefinition) => compileMapping(spec([map]), { elements: catalog, structures: structureOf });
  let structureOf: (version: string, structure: string) => import('../../hl7v2/groups').MessageStructure | undefined;
  beforeAll(async () => {
    const oru = await catalog.hl7v2Structure(V, 'ORU_R01');
    structureOf = (_v, s) => (s === 'ORU_R01' ? oru : undefined);
  });

  it('one DiagnosticReport per ORDER_OBSERVATION, whose result lists exactly its own group\'s Observations', () => {
    const plan = compileOru(oruMessageMap());
    const { bundle } = executeMapping(plan, parseHl7(readSample('fhirconverter_LAB-ORU-1.hl7')));
    const reports = bundle.entry.filter((e) => e.resource.resourceType === 'DiagnosticReport');
    const observations = bundle.entry.filter((e) => e.resource.resourceType === 'Observation');
    expect(reports.map((r) => (r.resource.code as { coding: { code: string }[] }).coding[0].code)).toEqual(['24317-0', '26464-8']);
    expect(observations).toHaveLength(10);
    expect(reports[0].resource.result).toEqual(observations.slice(0, 5).map((o) => ({ reference: o.fullUrl })));
    expect(reports[1].resource.result).toEqual(observations.slice(5).map((o) => ({ reference: o.fullUrl })));
    expect(observations.map((o) => (o.resource.category as { coding: { code: string }[] }[])[0].coding[0].code)).toEqual([...Array(5).fill('24317-0'), ...Array(5).fill('26464-8')]);
  });

  it('inside a group nested in the target\'s group (or a segment of it), a reference is the resource of the enclosing instance', () => {
    // Each Observation, made per OBSERVATION group or per OBX segment, points at the report of its own ORDER_OBSERVATION.
    const map = {
      id: 'ORU_R01', kind: 'message',
      sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: V, structure: 'ORU_R01' } }],
      targets: [
        { id: 'report', schema: { standard: 'fhir-r4', resource: 'DiagnosticReport' } },
        { id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } },
        { id: 'obs-by-segment', schema: { standard: 'fhir-r4', resource: 'Observation' } },
      ],
      nodes: [{ id: 'report-ref', kind: 'reference', target: 'report' }, { id: 'report-ref-2', kind: 'reference', target: 'report' }],
      links: [
        link('each-order', 'PATIENT_RESULT.ORDER_OBSERVATION', ['report', 'DiagnosticReport'], 'context'),
        link('report-code', 'OBR-4.1', ['report', 'DiagnosticReport.code.coding.code']),
        link('each-obs', 'ORDER_OBSERVATION.OBSERVATION', ['obs', 'Observation'], 'context'),
        link('obs-report', ['report-ref', 'out'], ['obs', 'Observation.partOf']),
        link('each-obx', 'OBX', ['obs-by-segment', 'Observation'], 'context'),
        link('obx-report', ['report-ref-2', 'out'], ['obs-by-segment', 'Observation.partOf']),
      ],
    } as MapDefinition;
    const { bundle } = executeMapping(compileOru(map), parseHl7(readSample('fhirconverter_LAB-ORU-1.hl7')));
    const reports = bundle.entry.filter((e) => e.resource.resourceType === 'DiagnosticReport').map((r) => [{ reference: r.fullUrl }]);
    const partOf = bundle.entry.filter((e) => e.resource.resourceType === 'Observation').map((o) => o.resource.partOf);
    expect(partOf).toEqual([...Array(5).fill(reports[0]), ...Array(5).fill(reports[1]), ...Array(5).fill(reports[0]), ...Array(5).fill(reports[1])]);
  });

  it('an NTE goes with the OBX or OBR it follows', () => {
    const map = oruMessageMap([], [
      link('each-obs-note', 'NTE', ['obs', 'Observation.note'], 'context'),
      link('obs-note', 'NTE-3', ['obs', 'Observation.note.text']),
      link('each-report-note', 'NTE', ['report', 'DiagnosticReport.identifier'], 'context'),
      link('report-note', 'NTE-3', ['report', 'DiagnosticReport.identifier.value']),
    ]);
    const text = [
      'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240101120000+0100||ORU^R01|1|P|2.5.1',
      'PID|1||123^^^HOSP^MR||DOE^JANE',
      'OBR|1||F1|GLU^Glucose',
      'NTE|1||fasting sample',
      'OBX|1|NM|GLU^Glucose||5.5|mmol/L|||||F',
      'NTE|1||above the usual range for this patient',
      'OBX|2|NM|K^Potassium||4.1|mmol/L|||||F',
      'OBR|2||F2|NA^Sodium',
      'OBX|1|NM|NA^Sodium||140|mmol/L|||||F',
      'NTE|1||haemolysed',
    ].join('\r');
    const { bundle } = executeMapping(compileOru(map), parseHl7(text));
    const get = (i: number) => bundle.entry[i].resource as Record<string, unknown>;
    // The report's NTE context reads NTEs of its ORDER_OBSERVATION only, not its Observations' (those are in OBSERVATION groups).
    expect(get(0).identifier).toEqual([{ value: 'fasting sample' }]);
    expect(get(1).identifier).toBeUndefined();
    expect(get(2).note).toEqual([{ text: 'above the usual range for this patient' }]);
    expect(get(3).note).toBeUndefined();
    expect(get(4).note).toEqual([{ text: 'haemolysed' }]);
  });

  it('places segments the structure does not expect, and the trace says where every segment went', () => {
    const text = [
      'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240101120000+0100||ORU^R01|1|P|2.5.1',
      'PID|1||123^^^HOSP^MR||DOE^JANE',
      'ZPI|local patient extra',
      'OBR|1||F1|GLU^Glucose',
      'OBX|1|NM|GLU^Glucose||5.5|mmol/L|||||F',
      'ZOB|local result extra',
    ].join('\r');
    const result = executeMapping(compileOru(oruMessageMap()), parseHl7(text), { trace: true });
    const where = result.groups!.placements.map((p) => `${p.id}:${p.how}:${p.group.path}`);
    expect(where).toEqual([
      'MSH:expected:',
      'PID:expected:PATIENT_RESULT.PATIENT',
      'ZPI:unexpected:PATIENT_RESULT.PATIENT',
      'OBR:expected:PATIENT_RESULT.ORDER_OBSERVATION',
      'OBX:expected:PATIENT_RESULT.ORDER_OBSERVATION.OBSERVATION',
      'ZOB:unexpected:PATIENT_RESULT.ORDER_OBSERVATION.OBSERVATION',
    ]);
  });

  it('keeps an order together when its OBR comes after results of its own (v2.8 ORDER_DOCUMENT read as 2.5.1), resumes it at the OBR, and does not open groups far away', () => {
    const text = [
      'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240101120000+0100||ORU^R01|1|P|2.8',
      'PID|1||123^^^HOSP^MR||DOE^JANE',
      'OBX|1|ST|NOTE^Patient note||text',
      'PV1|1|I',
      'ORC|RE||F1',
      'OBX|1|ED|DOC^Document||^TEXT^^Base64^AAAA',
      'TXA|1|DS',
      'OBR|1||F1|GLU^Glucose',
      'NTE|1||About the order',
      'OBX|2|NM|GLU^Glucose||5.5|mmol/L|||||F',
    ].join('\r');
    const result = executeMapping(compileOru(oruMessageMap()), parseHl7(text), { trace: true });
    expect(result.groups!.placements.map((p) => `${p.id}:${p.how}:${instancePath(p.group)}`)).toEqual([
      'MSH:expected:',
      'PID:expected:PATIENT_RESULT[1].PATIENT[1]',
      // An OBX in the patient part (v2.7's PATIENT_OBSERVATION) stays with the patient, and the PV1 after it too.
      'OBX:unexpected:PATIENT_RESULT[1].PATIENT[1]',
      'PV1:expected:PATIENT_RESULT[1].PATIENT[1].VISIT[1]',
      'ORC:expected:PATIENT_RESULT[1].ORDER_OBSERVATION[1]',
      'OBX:lenient:PATIENT_RESULT[1].ORDER_OBSERVATION[1].OBSERVATION[1]',
      'TXA:unexpected:PATIENT_RESULT[1].ORDER_OBSERVATION[1].OBSERVATION[1]',
      'OBR:lenient:PATIENT_RESULT[1].ORDER_OBSERVATION[1]',
      // The order resumes at its late OBR: the NTE after it is the order's, the next OBX a new result.
      'NTE:expected:PATIENT_RESULT[1].ORDER_OBSERVATION[1]',
      'OBX:expected:PATIENT_RESULT[1].ORDER_OBSERVATION[1].OBSERVATION[2]',
    ]);
  });

  it('a group path that is not in the structure is refused naming it', () => {
    const map = oruMessageMap();
    map.links[0] = link('each-order', 'ORDERS', ['report', 'DiagnosticReport'], 'context') as MapDefinition['links'][number];
    const error = errorOf(() => compileOru(map));
    expect(error.code).toBe('MAP_UNKNOWN_GROUP');
    expect(error.message).toBe('The message structure ORU_R01 has no group "ORDERS".');
  });
});

describe('the worked example of docs/mapping-spec.md', () => {
  it('maps a real ADT^A01 as its prose says', () => {
    const { bundle } = executeMapping(compileMapping(parseSpec(docsExampleSpec()), { elements: catalog }), parseHl7(readSample('fhirconverter_ADT-A01-01.hl7')));
    const [patient, observation] = bundle.entry;
    expect(patient.resource).toEqual({
      resourceType: 'Patient',
      identifier: [{ value: 'PATID1234', type: { coding: [{ code: 'MR' }] } }, { value: '123456789', type: { coding: [{ code: 'SS' }] } }],
      name: [{ family: 'EVERYMAN' }],
      gender: 'male',
    });
    expect(observation.resource).toEqual({
      resourceType: 'Observation',
      code: { coding: [{ code: '8867-4', display: 'heartrate' }] },
      status: 'unknown',
      subject: { reference: patient.fullUrl },
    });
  });
});

describe('a node output several links read', () => {
  // string.upperCase wrapped to count its calls: the output feeds Identifier.value and a condition.
  const upper = getFunction('string.upperCase') as FunctionDefinition;
  let calls = 0;
  const counting: FunctionDefinition = { ...upper, apply: (inputs, params, context) => { calls++; return upper.apply(inputs, params, context); } };
  const functions = (id: string): FunctionDefinition | undefined => (id === upper.id ? counting : getFunction(id));
  const shared = spec([adtMessageMap([
    { id: 'up', kind: 'function', functionId: 'string.upperCase' },
    { id: 'has-value', kind: 'condition', expression: '$in != null' },
  ], [
    link('each-id', 'PID-3', ['patient', 'Patient.identifier'], 'context'),
    link('up-in', 'PID-3.1', { node: 'up', port: 'value' }),
    link('value', ['up', 'out'], ['patient', 'Patient.identifier.value']),
    link('check-in', ['up', 'out'], { node: 'has-value', port: 'in' }),
    link('type', ['has-value', 'out'], ['patient', 'Patient.identifier.type.text']),
  ])]);

  it('is computed once per item, and traced for each link that reads it', () => {
    const plan = compileMapping(shared, { elements: catalog, functions });
    const message = parseHl7(sampleText('fhirconverter_ADT-A01-01.hl7'));
    calls = 0;
    const { bundle } = executeMapping(plan, message);
    // Two PID-3 repetitions: one call each, not one per reading link.
    expect(calls).toBe(2);
    expect(bundle.entry[0].resource.identifier).toEqual([
      { value: 'PATID1234', type: { text: 'PATID1234' } },
      { value: '123456789', type: { text: '123456789' } },
    ]);
    const { trace } = executeMapping(plan, message, { trace: true });
    const typeText = trace!.find((t) => t.output === 'entry[0].resource.identifier[1].type.text');
    expect(typeText).toMatchObject({ link: 'ADT_A01/type', sources: expect.arrayContaining([{ path: 'PID-3[2].1', value: '123456789' }]) });
    expect(new Set(typeText!.nodes)).toEqual(new Set(['ADT_A01/up', 'ADT_A01/has-value']));
    expect(trace!.find((t) => t.output === 'entry[0].resource.identifier[1].value')).toMatchObject({ link: 'ADT_A01/value', sources: [{ path: 'PID-3[2].1', value: '123456789' }] });
  });
});
