import { beforeAll, describe, expect, it } from 'vitest';
import { parseHl7 } from '../../hl7v2';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { flatExampleSpec, fhirCatalog, readSample } from '../../../node/fixtures/referenceFixtures';
import { parseSpec } from '../spec/parseSpec';
import type { MapDefinition, MappingSpec } from '../spec/MappingSpec';
import { executeMapping } from '../execute/executeMapping';
import { compileMapping } from './compileMapping';
import { errorOf } from '../../errors/errorOf';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Patient', 'Encounter', 'Observation', 'AllergyIntolerance', 'DiagnosticReport', 'Practitioner']);
});

const docsSpec = (): MappingSpec => parseSpec(flatExampleSpec());

function run(spec: MappingSpec, sample: string, trace = false) {
  const text = readSample(sample);
  const plan = compileMapping(spec, { elements: catalog });
  return executeMapping(plan, parseHl7(text), { trace });
}

const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the documented example on a real ADT^A01', () => {
  it('maps PID-3 repetitions, PID-5, PID-8 through the value map, and one Observation per OBX', () => {
    const { bundle } = run(docsSpec(), 'fhirconverter_ADT-A01-01.hl7');
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry.map((e) => e.request)).toEqual([
      { method: 'POST', url: 'Patient' },
      { method: 'POST', url: 'Observation' },
    ]);
    const [patient, observation] = bundle.entry;
    expect(patient.fullUrl).toMatch(UUID);
    expect(observation.fullUrl).toMatch(UUID);
    expect(patient.fullUrl).not.toBe(observation.fullUrl);
    expect(patient.resource).toEqual({
      resourceType: 'Patient',
      identifier: [{ value: 'PATID1234' }, { value: '123456789' }],
      name: [{ family: 'EVERYMAN' }],
      gender: 'male',
    });
    // OBX-2 is NM, so the text filter keeps OBX-5 out; OBX-11 "S" is not in the status map → its default.
    expect(observation.resource).toEqual({
      resourceType: 'Observation',
      status: 'unknown',
      code: { coding: [{ code: '8867-4', display: 'heartrate' }] },
      subject: { reference: patient.fullUrl },
    });
  });

  it('gives byte-identical output when run again, and different ids for a different message', () => {
    const first = JSON.stringify(run(docsSpec(), 'fhirconverter_ADT-A01-01.hl7').bundle);
    expect(JSON.stringify(run(docsSpec(), 'fhirconverter_ADT-A01-01.hl7').bundle)).toBe(first);
    const other = run(docsSpec(), 'fhirconverter_ADT01-23.hl7').bundle;
    expect(other.entry[0].fullUrl).not.toBe(JSON.parse(first).entry[0].fullUrl);
  });

  it('makes one Observation per OBX and passes text results through the filter (ORU with ST and TX)', () => {
    const text = readSample('lfh_ORU-multiline-short-mixed.hl7');
    const message = parseHl7(text);
    const obx = message.segmentsById('OBX');
    const { bundle } = run(docsSpec(), 'lfh_ORU-multiline-short-mixed.hl7');
    const observations = bundle.entry.filter((e) => e.resource.resourceType === 'Observation').map((e) => e.resource);
    expect(observations).toHaveLength(obx.length);
    observations.forEach((observation, i) => {
      const type = obx[i].value(2);
      const expected = type === 'ST' || type === 'TX' ? obx[i].value(5) : undefined;
      expect(observation.valueString).toBe(expected ?? undefined);
      const code = obx[i].value(3, 1, 1);
      const display = obx[i].value(3, 1, 2);
      expect(observation.code).toEqual(code || display ? { coding: [{ ...(code ? { code } : {}), ...(display ? { display } : {}) }] } : undefined);
    });
    expect(observations.some((o) => typeof o.valueString === 'string')).toBe(true);
  });

  it('traces every output value back to its source path, nodes and value-map entry', () => {
    const { bundle, trace } = run(docsSpec(), 'fhirconverter_ADT-A01-01.hl7', true);
    expect(trace).toBeDefined();
    const gender = trace!.find((t) => t.output === 'entry[0].resource.gender');
    expect(gender).toEqual({
      output: 'entry[0].resource.gender',
      target: 'patient',
      targetPath: 'Patient.gender',
      link: 'ADT_A01/l-gender-out',
      links: ['ADT_A01/l-gender-out', 'ADT_A01/l-gender-in'],
      nodes: ['ADT_A01/gender'],
      sources: [{ path: 'PID-8[1]', value: 'M' }],
      valueMaps: [{ valueMap: 'administrative-gender', node: 'ADT_A01/gender', code: 'M', outcome: 'mapped', entryIndex: 1 }],
    });
    const second = trace!.find((t) => t.output === 'entry[0].resource.identifier[1].value');
    expect(second?.sources).toEqual([{ path: 'PID-3[2].1', value: '123456789' }]);
    expect(second?.links).toEqual(['ADT_A01/l-mrn', 'ADT_A01/l-mrn-value']);
    const code = trace!.find((t) => t.output === 'entry[1].resource.code.coding[0].code');
    expect(code?.links).toEqual(['ADT_A01/l-obx', 'ADT_A01/l-obs-code']);
    expect(code?.sources).toEqual([{ path: 'OBX-3[1].1', value: '8867-4' }]);
    // Every traced output location exists in the bundle with the traced value.
    const status = trace!.find((t) => t.output === 'entry[1].resource.status');
    expect(status?.valueMaps[0]).toEqual({ valueMap: 'observation-status', node: 'ADT_A01/obs-status', code: 'S', outcome: 'default' });
    expect(bundle.entry[1].resource.status).toBe('unknown');
  });
});

describe('compile errors name the node or link', () => {
  const withChange = (change: (spec: MappingSpec) => void): MappingSpec => {
    const spec = docsSpec();
    change(spec);
    return spec;
  };
  const compileError = (spec: MappingSpec) => errorOf(() => compileMapping(spec, { elements: catalog }));

  it('an unknown target element', () => {
    const error = compileError(withChange((s) => { s.maps[0].links[2].to = { target: 'patient', path: 'Patient.nmae.family' }; }));
    expect(error.code).toBe('MAP_UNKNOWN_TARGET_ELEMENT');
    expect(error.message).toBe('Patient has no element Patient.nmae in FHIR R4.');
    expect(error.where.link).toBe('l-family');
  });

  it('a choice without its type', () => {
    const error = compileError(withChange((s) => { s.maps[0].links[12].to = { target: 'obs', path: 'Observation.value[x]' }; }));
    expect(error.code).toBe('MAP_CHOICE_WITHOUT_TYPE');
    expect(error.message).toBe('The target path "Observation.value[x]" must name one type of the choice Observation.value[x], e.g. Observation.value[x]:valueQuantity.');
  });

  it('a forbidden key in a target path', () => {
    const error = compileError(withChange((s) => { s.maps[0].links[2].to = { target: 'patient', path: 'Patient.constructor' }; }));
    expect(error.code).toBe('MAP_FORBIDDEN_TARGET');
  });

  it('a cycle between nodes', () => {
    const error = compileError(withChange((s) => {
      s.maps[0].nodes.push({ id: 'a', kind: 'condition', expression: '$in = 1' }, { id: 'b', kind: 'condition', expression: '$in = 1' });
      s.maps[0].links.push({ id: 'ab', from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in' } }, { id: 'ba', from: { node: 'b', port: 'out' }, to: { node: 'a', port: 'in' } });
    }));
    expect(error.code).toBe('MAP_CYCLE');
    expect(error.message).toBe('The nodes "a" → "b" → "a" of map ADT_A01 form a cycle, so none of them can be computed.');
  });

  it('an unknown port and an input linked twice', () => {
    expect(compileError(withChange((s) => { s.maps[0].links[4].from = { node: 'gender', port: 'colour' }; })).message)
      .toBe('Link "l-gender-out" starts at the port "colour" of node "gender", which has only the outputs code, coding, display, system.');
    const twice = compileError(withChange((s) => { s.maps[0].links.push({ id: 'l-x', from: { source: 'msg', path: 'PID-9' }, to: { node: 'gender', port: 'in' } }); }));
    expect(twice.code).toBe('MAP_INPUT_LINKED_TWICE');
  });

  it('an expression error points at the column', () => {
    const error = compileError(withChange((s) => { (s.maps[0].nodes[3] as { expression: string }).expression = "OBX-2 = 'ST' or or"; }));
    expect(error.code).toBe('EXPR_SYNTAX');
    expect(error.message).toBe('The expression "OBX-2 = \'ST\' or or" has an error at column 17: expected a value but found "or".');
    expect(error.where.node).toBe('is-text');
  });

  it('a context that does not end at a repeating element', () => {
    const error = compileError(withChange((s) => { s.maps[0].links[0].to = { target: 'patient', path: 'Patient.gender' }; }));
    expect(error.code).toBe('MAP_BAD_CONTEXT');
    expect(error.message).toContain('ends at Patient.gender, which does not repeat');
  });
});

describe('contexts', () => {
  const base = (targets: MapDefinition['targets'], links: MapDefinition['links'], nodes: MapDefinition['nodes'] = []): MappingSpec => parseSpec({
    format: 'crosswalk.mapping/1',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ORU_R01' } }],
    targets, nodes, links, valueMaps: [], settings: {},
  });

  it('a segment context inside another takes the segments that follow the outer one (OBX under each OBR)', () => {
    const spec = base(
      [{ id: 'report', schema: { standard: 'fhir-r4', resource: 'DiagnosticReport' } }],
      [
        { id: 'obr', kind: 'context', from: { source: 'msg', path: 'OBR' }, to: { target: 'report', path: 'DiagnosticReport' } },
        { id: 'code', from: { source: 'msg', path: 'OBR-4.1' }, to: { target: 'report', path: 'DiagnosticReport.code.coding.code' } },
        { id: 'obx', kind: 'context', from: { source: 'msg', path: 'OBX' }, to: { target: 'report', path: 'DiagnosticReport.presentedForm' } },
        { id: 'title', from: { source: 'msg', path: 'OBX-3.2' }, to: { target: 'report', path: 'DiagnosticReport.presentedForm.title' } },
      ],
    );
    const { bundle } = run(spec, 'fhirconverter_LAB-ORU-1.hl7');
    const reports = bundle.entry.map((e) => e.resource as unknown as { code: { coding: Array<{ code: string }> }; presentedForm: Array<{ title: string }> });
    expect(reports.map((r) => r.code.coding[0].code)).toEqual(['24317-0', '26464-8']);
    expect(reports.map((r) => r.presentedForm.map((f) => f.title))).toEqual([
      ['LEUKOCYTES', 'ERYTHROCYTES', 'HEMOGLOBIN', 'HEMATOCRIT', 'PLATELETS'],
      ['NEUTROPHILS/100 LEUKOCYTES', 'EOSINOPHILS/100 LEUKOCYTES', 'LYMPHOCYTES/100 LEUKOCYTES', 'MONOCYTES/100 LEUKOCYTES', 'BASOPHILS/100 LEUKOCYTES'],
    ]);
  });

  it('two contexts filling one element are told apart by the source each link reads, and append in order', () => {
    const spec = base(
      [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
      [
        { id: 'home', kind: 'context', from: { source: 'msg', path: 'PID-13' }, to: { target: 'patient', path: 'Patient.telecom' } },
        { id: 'home-value', from: { source: 'msg', path: 'PID-13.1' }, to: { target: 'patient', path: 'Patient.telecom.value' } },
        { id: 'home-use', from: { node: 'home-use-constant', port: 'out' }, to: { target: 'patient', path: 'Patient.telecom.use' } },
        { id: 'work', kind: 'context', order: 1, from: { source: 'msg', path: 'PID-14' }, to: { target: 'patient', path: 'Patient.telecom' } },
        { id: 'work-value', from: { source: 'msg', path: 'PID-14.1' }, to: { target: 'patient', path: 'Patient.telecom.value' } },
      ],
      [{ id: 'home-use-constant', kind: 'constant', value: 'home' }],
    );
    // The constant reads no source, so which context it belongs to is ambiguous: refused by name.
    const error = errorOf(() => compileMapping(spec, { elements: catalog }));
    expect(error.code).toBe('MAP_AMBIGUOUS_CONTEXT');
    expect(error.message).toBe('Link "home-use" writes under Patient.telecom, which the context links "home" and "work" both fill, and it reads neither of their source items.');
    spec.maps[0].links.splice(2, 1);
    const { bundle } = run(spec, 'fhirconverter_ADT-A01-01.hl7');
    expect(bundle.entry[0].resource.telecom).toEqual([{ value: '78788788' }, { value: '12121212' }, { value: '7777' }, { value: '1111' }]);
  });

  it('a reference inside a context over the same source item points at the resource of that item; elsewhere at all of them', () => {
    const spec = base(
      [
        { id: 'doctor', schema: { standard: 'fhir-r4', resource: 'Practitioner' } },
        { id: 'encounter', schema: { standard: 'fhir-r4', resource: 'Encounter' } },
        { id: 'report', schema: { standard: 'fhir-r4', resource: 'DiagnosticReport' } },
      ],
      [
        { id: 'doc', kind: 'context', from: { source: 'msg', path: 'PV1-7' }, to: { target: 'doctor', path: 'Practitioner' } },
        { id: 'doc-name', from: { source: 'msg', path: 'PV1-7.2' }, to: { target: 'doctor', path: 'Practitioner.name.family' } },
        { id: 'part', kind: 'context', from: { source: 'msg', path: 'PV1-7' }, to: { target: 'encounter', path: 'Encounter.participant' } },
        { id: 'part-who', from: { node: 'doc-ref', port: 'out' }, to: { target: 'encounter', path: 'Encounter.participant.individual' } },
        { id: 'status', from: { node: 'finished', port: 'out' }, to: { target: 'encounter', path: 'Encounter.status' } },
        { id: 'all', from: { node: 'doc-ref-all', port: 'out' }, to: { target: 'report', path: 'DiagnosticReport.performer' } },
      ],
      [
        { id: 'doc-ref', kind: 'reference', target: 'doctor' },
        { id: 'doc-ref-all', kind: 'reference', target: 'doctor' },
        { id: 'finished', kind: 'constant', value: 'finished' },
      ],
    );
    const text = readSample('fhirconverter_ADT-A01-01.hl7').replace('|1122334^Alaz^Mohammed^Mahi^JR^Dr.^MD^^PERSONNELt&1.23&HCD^B^^^BR^^^^^^19241010^19241015^Al|', '|1122334^Alaz^Mohammed~999^Second^Doc|');
    const { bundle } = executeMapping(compileMapping(spec, { elements: catalog }), parseHl7(text));
    const [first, second, encounter, report] = bundle.entry;
    expect([first.resource.name, second.resource.name]).toEqual([[{ family: 'Alaz' }], [{ family: 'Second' }]]);
    expect(encounter.resource.participant).toEqual([
      { individual: { reference: first.fullUrl } },
      { individual: { reference: second.fullUrl } },
    ]);
    expect(report.resource.performer).toEqual([{ reference: first.fullUrl }, { reference: second.fullUrl }]);
  });

  it('a filter on a context keeps only the items it holds for, and $in is the item', () => {
    const spec = base(
      [{ id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } }],
      [
        { id: 'in', from: { source: 'msg', path: 'OBX' }, to: { node: 'final', port: 'in' } },
        { id: 'obx', kind: 'context', from: { node: 'final', port: 'out' }, to: { target: 'obs', path: 'Observation' } },
        { id: 'status', from: { source: 'msg', path: 'OBX-11' }, to: { target: 'obs', path: 'Observation.status' } },
        { id: 'value', from: { source: 'msg', path: 'OBX-5' }, to: { target: 'obs', path: 'Observation.value[x]:valueQuantity.value' } },
      ],
      [{ id: 'final', kind: 'condition', expression: "OBX-11 = 'P' and OBX-5 > 20" }],
    );
    const { bundle } = run(spec, 'fhirconverter_LAB-ORU-1.hl7');
    // Preliminary results above 20: 40.1, 221, 72 — the final PLATELETS (F) and the rest are left out.
    expect(bundle.entry.map((e) => e.resource.valueQuantity)).toEqual([{ value: 40.1 }, { value: 72 }]);
  });
});

describe('condition nodes as values', () => {
  it.each([
    ["PID-8 = 'M'", true],
    ["PID-8 = 'm'", false],
    ['PID-8 != null', true],
    ['PID-99 = null', true],
    ['PID-7 > 19000101', true],
    ['PID-7.1 < 1988', false],
    ["logic.coalesce(PID-99, 'none') = 'none'", true],
    ["string.upperCase(PID-5.2) = 'ADAM' and not (PID-30 = 'N')", true],
    ["string.concat(PID-5.2, PID-5.3) = 'ADAMA'", true],
    ["PID-3[2].1 = '123456789' or PID-8 = 'F'", true],
    // One path given to a list input is every repetition; two arguments are one value each.
    ['logic.count(PID-3) = 2', true],
    ['logic.count(PID-3, PID-99) = 1', true],
    ['logic.count(PID-99) = 0', true],
  ])('%s on fhirconverter_ADT-A01-01 is %s', (expression, expected) => {
    const spec = parseSpec({
      format: 'crosswalk.mapping/1',
      sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
      targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
      nodes: [{ id: 'test', kind: 'condition', expression }],
      links: [{ id: 'out', from: { node: 'test', port: 'out' }, to: { target: 'patient', path: 'Patient.active' } }],
      valueMaps: [], settings: {},
    });
    const { bundle } = run(spec, 'fhirconverter_ADT-A01-01.hl7');
    expect(bundle.entry[0].resource.active).toBe(expected);
  });

  it('a function the library does not have is refused at compile time, pointing at the column', () => {
    const spec = parseSpec({
      format: 'crosswalk.mapping/1',
      sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
      targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
      nodes: [{ id: 'test', kind: 'condition', expression: "PID-8 = 'M' and shell.exec('rm')" }],
      links: [{ id: 'out', from: { node: 'test', port: 'out' }, to: { target: 'patient', path: 'Patient.active' } }],
      valueMaps: [], settings: {},
    });
    const error = errorOf(() => compileMapping(spec, { elements: catalog }));
    expect(error.code).toBe('EXPR_UNKNOWN_FUNCTION');
    expect(error.message).toBe('The expression calls "shell.exec" at column 17, which is not in the function library.');
    expect(error.where).toMatchObject({ node: 'test', offset: 16 });
  });
});

describe('extensions of primitive elements', () => {
  it('Patient.birthDate.extension writes _birthDate.extension, as FHIR JSON carries it (the IG birthTime)', () => {
    const spec = parseSpec({
      format: 'crosswalk.mapping/1',
      sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
      targets: [{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }],
      nodes: [
        { id: 'date', kind: 'function', functionId: 'date.hl7ToFhirDate' },
        { id: 'time', kind: 'function', functionId: 'date.hl7ToFhirDateTime' },
        { id: 'url', kind: 'constant', value: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime' },
      ],
      links: [
        { id: 'd-in', from: { source: 'msg', path: 'PID-7' }, to: { node: 'date', port: 'value' } },
        { id: 'd-out', from: { node: 'date', port: 'out' }, to: { target: 'patient', path: 'Patient.birthDate' } },
        { id: 'u', from: { node: 'url', port: 'out' }, to: { target: 'patient', path: 'Patient.birthDate.extension.url' } },
        { id: 't-in', from: { source: 'msg', path: 'PID-7' }, to: { node: 'time', port: 'value' } },
        { id: 't-out', from: { node: 'time', port: 'out' }, to: { target: 'patient', path: 'Patient.birthDate.extension.value[x]:valueDateTime' } },
      ],
      valueMaps: [], settings: {},
    });
    const { bundle } = run(spec, 'fhirconverter_ADT-A01-01.hl7');
    expect(bundle.entry[0].resource).toEqual({
      resourceType: 'Patient',
      birthDate: '1988-08-18',
      _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1988-08-18T11:26:00+02:15' }] },
    });
    spec.maps[0].links[2].to = { target: 'patient', path: 'Patient.name.given.extension.url' };
    expect(errorOf(() => compileMapping(spec, { elements: catalog })).message)
      .toBe('The target path "Patient.name.given.extension.url" puts an extension on Patient.name.given, which repeats; this engine writes extensions only on single primitive elements.');
  });
});

describe('targets, list inputs and parameters', () => {
  const spec = (targets: MapDefinition['targets'], nodes: MapDefinition['nodes'], links: MapDefinition['links']): MappingSpec => parseSpec({
    format: 'crosswalk.mapping/1',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
    targets, nodes, links, valueMaps: [], settings: {},
  });

  it('PUT gives the resource its deterministic id and the request url Type/id', () => {
    const { bundle } = run(spec([{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' }, request: { method: 'PUT' } }], [], [
      { id: 'g', from: { source: 'msg', path: 'PID-8' }, to: { target: 'patient', path: 'Patient.gender' } },
    ]), 'fhirconverter_ADT01-23.hl7');
    const [entry] = bundle.entry;
    expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource.id}`);
    expect(entry.request).toEqual({ method: 'PUT', url: `Patient/${entry.resource.id}` });
  });

  it('links into a list input are joined in order of `order`, then id, each giving every repetition', () => {
    const { bundle } = run(spec([{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }], [
      { id: 'join', kind: 'function', functionId: 'string.concat', params: { separator: ' / ' } },
    ], [
      { id: 'b-first-by-order', order: -1, from: { source: 'msg', path: 'PID-3.1' }, to: { node: 'join', port: 'values' } },
      { id: 'a-second', from: { source: 'msg', path: 'PID-8' }, to: { node: 'join', port: 'values' } },
      { id: 'out', from: { node: 'join', port: 'out' }, to: { target: 'patient', path: 'Patient.name.text' } },
    ]), 'fhirconverter_ADT-A01-01.hl7');
    expect(bundle.entry[0].resource.name).toEqual([{ text: 'PATID1234 / 123456789 / M' }]);
  });

  it('a list input keeps an empty repetition between valued ones in its place: TX `a~~b` is two lines with a blank one between', () => {
    const plan = compileMapping(spec([{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }], [
      { id: 'lines', kind: 'function', functionId: 'string.formattedText' },
      { id: 'count', kind: 'function', functionId: 'logic.count' },
    ], [
      { id: 'in', from: { source: 'msg', path: 'PID-5' }, to: { node: 'lines', port: 'value' } },
      { id: 'out', from: { node: 'lines', port: 'out' }, to: { target: 'patient', path: 'Patient.name.text' } },
      { id: 'count-in', from: { source: 'msg', path: 'PID-5' }, to: { node: 'count', port: 'values' } },
      { id: 'count-out', from: { node: 'count', port: 'out' }, to: { target: 'patient', path: 'Patient.multipleBirthInteger' } },
    ]), { elements: catalog });
    const text = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1\rPID|1||1||~First line~~Third line\\.br\\fourth~~\r';
    const patient = executeMapping(plan, parseHl7(text)).bundle.entry[0].resource;
    expect(patient.name).toEqual([{ text: 'First line\n\nThird line\nfourth' }]);
    expect(patient.multipleBirthInteger).toBe(2);
  });

  it('refuses a parameter the function does not have, targets that reference each other, and two contexts on one resource', () => {
    const badParam = spec([{ id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } }], [
      { id: 'join', kind: 'function', functionId: 'string.concat', params: { glue: '-' } },
    ], []);
    expect(errorOf(() => compileMapping(badParam, { elements: catalog })).message).toBe('The function string.concat has no parameter "glue".');

    const cycle = spec([
      { id: 'patient', schema: { standard: 'fhir-r4', resource: 'Patient' } },
      { id: 'encounter', schema: { standard: 'fhir-r4', resource: 'Encounter' } },
    ], [
      { id: 'to-patient', kind: 'reference', target: 'patient' },
      { id: 'to-encounter', kind: 'reference', target: 'encounter' },
    ], [
      { id: 'a', from: { node: 'to-patient', port: 'out' }, to: { target: 'encounter', path: 'Encounter.subject' } },
      { id: 'b', from: { node: 'to-encounter', port: 'out' }, to: { target: 'patient', path: 'Patient.link.other' } },
    ]);
    const error = errorOf(() => compileMapping(cycle, { elements: catalog }));
    expect(error.code).toBe('MAP_REFERENCE_CYCLE');
    expect(error.message).toBe('The targets "patient" → "encounter" → "patient" of map ADT_A01 reference each other in a cycle, so none of them can be built first.');

    const twoRoots = spec([{ id: 'obs', schema: { standard: 'fhir-r4', resource: 'Observation' } }], [], [
      { id: 'x', kind: 'context', from: { source: 'msg', path: 'OBX' }, to: { target: 'obs', path: 'Observation' } },
      { id: 'y', kind: 'context', from: { source: 'msg', path: 'AL1' }, to: { target: 'obs', path: 'Observation' } },
    ]);
    expect(errorOf(() => compileMapping(twoRoots, { elements: catalog })).message)
      .toBe('Target "obs" has two context links on Observation itself ("x" and "y"); one decides how many resources it yields.');
  });
});
