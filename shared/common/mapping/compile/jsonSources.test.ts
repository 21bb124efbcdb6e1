import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../errors/errorOf';
import { parseHl7 } from '../../hl7v2';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { fhirCatalog } from '../../../node/fixtures/referenceFixtures';
import { buildSpec, fhirResource, fhirType, hl7Segment, MapBuilder } from '../build/MapBuilder';
import { executeMapping } from '../execute/executeMapping';
import { inputFormatOf } from '../input/inputFormat';
import { jsonInput } from '../input/MappingInput';
import { readInputs } from '../input/readInputs';
import type { MapDefinition, MappingSpec, SchemaRef } from '../spec/MappingSpec';
import { parseSpec } from '../spec/parseSpec';
import { compileMapping } from './compileMapping';
import { jsonNumber } from '../../json/Decimal';
import { parseJsonText } from '../../json/parseJsonText';
import { writeJson } from '../../json/writeJson';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await fhirCatalog(['Observation', 'DiagnosticReport', 'Device', 'Quantity']);
});

const json: SchemaRef = { standard: 'json' };
const spec = (maps: MapDefinition[]): MappingSpec => parseSpec(buildSpec(maps, [], {}));
const run = (s: MappingSpec, value: unknown, trace = false) => executeMapping(compileMapping(s, { elements: catalog }), jsonInput(value), { trace });
const resources = (s: MappingSpec, value: unknown): unknown[] => run(s, value).bundle.entry.map((e) => e.resource);

const exportDoc = {
  deviceId: 'HEM-7361T 20231104512',
  readings: [
    { systolic: 128, diastolic: 82, measuredAt: '2026-03-02T07:41:00+01:00', unit: 'mmHg', irregular: false, notes: ['after coffee'] },
    { systolic: 141, diastolic: 90, measuredAt: '2026-03-02T19:02:00+01:00', unit: 'kPa', notes: ['stairs', 'rushed'] },
    { systolic: null, diastolic: 79, measuredAt: '2026-03-03T07:38:00+01:00', unit: 'mmHg' },
  ],
};

/** Reading[Observation]: a map over one reading object, called by the message map. */
function readingMap(): MapDefinition {
  const m = new MapBuilder('Reading[Observation]', 'segment', json, fhirResource('Observation'));
  m.set('Observation.effective[x]:effectiveDateTime', m.src('$.measuredAt'));
  m.set('Observation.value[x]:valueQuantity.value', m.src('$.systolic'));
  m.set('Observation.component.value[x]:valueQuantity.value', m.src('$.diastolic'));
  m.each('Observation.note', m.src('$.notes'));
  m.set('Observation.note.text', m.src('$.notes'));
  return m.build();
}

function exportMap(configure?: (m: MapBuilder) => void): MapDefinition {
  const m = new MapBuilder('Export', 'message', json);
  m.target('obs', 'Observation');
  m.each('Observation', m.src('$.readings'));
  m.set('Observation', m.call('Reading[Observation]', m.src('$.readings')));
  m.set('Observation.device.display', m.src('$.deviceId'));
  configure?.(m);
  return m.build();
}

describe('JSON sources', () => {
  it('a context over an array makes one resource per item; a map over an object is called on each; reads outside it read the document', () => {
    expect(resources(spec([exportMap(), readingMap()]), exportDoc)).toEqual([
      {
        resourceType: 'Observation', device: { display: 'HEM-7361T 20231104512' }, effectiveDateTime: '2026-03-02T07:41:00+01:00',
        valueQuantity: { value: 128 }, component: [{ valueQuantity: { value: 82 } }], note: [{ text: 'after coffee' }],
      },
      {
        resourceType: 'Observation', device: { display: 'HEM-7361T 20231104512' }, effectiveDateTime: '2026-03-02T19:02:00+01:00',
        valueQuantity: { value: 141 }, component: [{ valueQuantity: { value: 90 } }], note: [{ text: 'stairs' }, { text: 'rushed' }],
      },
      // null is absent: no valueQuantity is written.
      { resourceType: 'Observation', device: { display: 'HEM-7361T 20231104512' }, effectiveDateTime: '2026-03-03T07:38:00+01:00', component: [{ valueQuantity: { value: 79 } }] },
    ]);
  });

  it('typed values: numbers stay numbers, booleans booleans, and text that reads as a number becomes one for a decimal', () => {
    const m = new MapBuilder('Export', 'message', json);
    m.target('obs', 'Observation');
    m.set('Observation.value[x]:valueQuantity.value', m.src('$.weight'));
    m.set('Observation.value[x]:valueQuantity.unit', m.src('$.unit'));
    m.set('Observation.component.value[x]:valueBoolean', m.src('$.fasting'));
    m.set('Observation.component.value[x]:valueInteger', m.src('$.count'));
    m.set('Observation.component.code.text', m.src('$.count'));
    // One item of a repeating element outside a context: the links fill its first item.
    expect(resources(spec([m.build()]), { weight: '072.50', unit: 'kg', fasting: true, count: 3 })).toEqual([{
      resourceType: 'Observation', valueQuantity: { value: jsonNumber('72.50'), unit: 'kg' },
      component: [{ code: { text: '3' }, valueBoolean: true, valueInteger: 3 }],
    }]);
  });

  it('a decimal read from the JSON text keeps that text in a decimal, is its number in an integer and its text in a string; it has no members', () => {
    const m = new MapBuilder('Export', 'message', json);
    m.target('obs', 'Observation');
    m.set('Observation.value[x]:valueQuantity.value', m.src('$.weight'));
    m.set('Observation.component.value[x]:valueInteger', m.src('$.count'));
    m.set('Observation.component.code.text', m.src('$.weight'));
    m.set('Observation.note.text', m.src('$.weight.text'));
    const value = parseJsonText('{"weight": 72.50, "count": 3.0}');
    expect(writeJson(run(spec([m.build()]), value).bundle.entry.map((e) => e.resource))).toBe(
      '[{"resourceType":"Observation","component":[{"code":{"text":"72.50"},"valueInteger":3}],"valueQuantity":{"value":72.50}}]',
    );
  });

  it('paths with an index, a quoted key and a filter on a context (the condition reads the current item)', () => {
    const s = spec([exportMap((m) => {
      m.setOn('obs', 'Observation.identifier.value', m.src('$["device id"]'));
      m.setOn('obs', 'Observation.code.text', m.src('$.readings[1].unit'));
    }), readingMap()]);
    const filtered = spec([{
      ...exportMap(), nodes: [...exportMap().nodes, { id: 'mmhg', kind: 'condition', expression: "$.readings.unit = 'mmHg'" }],
      links: exportMap().links.map((l) => (l.kind === 'context' ? { ...l, from: { node: 'mmhg', port: 'out' } } : l)).concat([{ id: 'l-mmhg-in', from: { source: 'msg', path: '$.readings' }, to: { node: 'mmhg', port: 'in' } }]),
    }, readingMap()]);
    const first = resources(s, { ...exportDoc, 'device id': 'D-7' })[0] as Record<string, unknown>;
    expect(first.identifier).toEqual([{ value: 'D-7' }]);
    expect(first.code).toEqual({ text: 'kPa' });
    expect(resources(filtered, exportDoc).map((r) => (r as { effectiveDateTime: string }).effectiveDateTime)).toEqual(['2026-03-02T07:41:00+01:00', '2026-03-03T07:38:00+01:00']);
  });

  it('references: per item to the resource of the same reading, and from a group of items to those below the current one', () => {
    const m = new MapBuilder('Panels', 'message', json);
    m.target('report', 'DiagnosticReport');
    m.target('obs', 'Observation');
    m.each('DiagnosticReport', m.src('$.panels'));
    m.set('DiagnosticReport.code.text', m.src('$.panels.name'));
    m.set('DiagnosticReport.result', m.ref('obs'));
    m.each('Observation', m.src('$.panels.results'));
    m.set('Observation.code.text', m.src('$.panels.results.test'));
    const bundle = run(spec([m.build()]), { panels: [{ name: 'lipids', results: [{ test: 'LDL' }, { test: 'HDL' }] }, { name: 'renal', results: [{ test: 'creatinine' }] }] }).bundle;
    const urls = bundle.entry.map((e) => e.fullUrl);
    expect(bundle.entry.map((e) => e.resource)).toEqual([
      { resourceType: 'DiagnosticReport', code: { text: 'lipids' }, result: [{ reference: urls[2] }, { reference: urls[3] }] },
      { resourceType: 'DiagnosticReport', code: { text: 'renal' }, result: [{ reference: urls[4] }] },
      { resourceType: 'Observation', code: { text: 'LDL' } },
      { resourceType: 'Observation', code: { text: 'HDL' } },
      { resourceType: 'Observation', code: { text: 'creatinine' } },
    ]);

    const pair = new MapBuilder('Export', 'message', json);
    pair.target('bp', 'Observation');
    pair.target('rate', 'Observation');
    pair.eachOn('bp', 'Observation', pair.src('$.readings'));
    pair.setOn('bp', 'Observation.effective[x]:effectiveDateTime', pair.src('$.readings.measuredAt'));
    pair.eachOn('rate', 'Observation', pair.src('$.readings'));
    pair.setOn('rate', 'Observation.derivedFrom', pair.ref('bp'));
    const out = run(spec([pair.build()]), exportDoc).bundle;
    expect(out.entry.slice(3).map((e) => e.resource.derivedFrom)).toEqual(out.entry.slice(0, 3).map((e) => [{ reference: e.fullUrl }]));
  });

  it('two contexts filling one repeating element: each link goes to the context whose path it reads', () => {
    const m = new MapBuilder('Export', 'message', json);
    m.target('obs', 'Observation');
    m.each('Observation.note', m.src('$.readings.notes'));
    m.set('Observation.note.text', m.src('$.readings.notes'));
    m.each('Observation.note', m.src('$.remarks'), 1);
    m.set('Observation.note.text', m.src('$.remarks.text'));
    expect(resources(spec([m.build()]), { ...exportDoc, remarks: [{ text: 'cuff replaced' }] })).toEqual([{
      resourceType: 'Observation', note: [{ text: 'after coffee' }, { text: 'stairs' }, { text: 'rushed' }, { text: 'cuff replaced' }],
    }]);
    m.set('Observation.note.authorString', m.constant('monitor app'));
    expect(errorOf(() => compileMapping(spec([m.build()]), { elements: catalog }))).toMatchObject({ code: 'MAP_AMBIGUOUS_CONTEXT' });
  });

  it('ids are keyed on the value, not its layout: the same document pretty-printed maps to the same bytes', () => {
    const s = spec([exportMap(), readingMap()]);
    const compact = [...readInputs(inputFormatOf(s), JSON.stringify(exportDoc))][0].input;
    const pretty = [...readInputs(inputFormatOf(s), `\n${JSON.stringify(exportDoc, null, 4)}\n`)][0].input;
    const plan = compileMapping(s, { elements: catalog });
    expect(JSON.stringify(executeMapping(plan, pretty as never).bundle)).toBe(JSON.stringify(executeMapping(plan, compact as never).bundle));
    const other = executeMapping(plan, jsonInput({ ...exportDoc, deviceId: 'other' })).bundle.entry[0].fullUrl;
    expect(other).not.toBe(executeMapping(plan, compact as never).bundle.entry[0].fullUrl);
  });

  it('traces every value to its concrete JSON path, through the context and the map call', () => {
    const trace = run(spec([exportMap(), readingMap()]), exportDoc, true).trace ?? [];
    const brief = trace.filter((t) => t.sources.length > 0).map((t) => `${t.output} ← ${t.sources.map((s) => `${s.path}=${JSON.stringify(s.value)}`).join(', ')}`);
    expect(brief.slice(0, 6)).toEqual([
      'entry[0].resource.device.display ← $.deviceId="HEM-7361T 20231104512"',
      'entry[0].resource.component[0].valueQuantity.value ← $.readings[0].diastolic=82',
      'entry[0].resource.note[0].text ← $.readings[0].notes[0]="after coffee"',
      'entry[0].resource.effectiveDateTime ← $.readings[0].measuredAt="2026-03-02T07:41:00+01:00"',
      'entry[0].resource.valueQuantity.value ← $.readings[0].systolic=128',
      'entry[1].resource.device.display ← $.deviceId="HEM-7361T 20231104512"',
    ]);
    const note = trace.find((t) => t.output === 'entry[1].resource.note[1].text');
    expect(note?.links).toEqual(['Export/l-each-obs-root', 'Export/l-obs-root', 'Export/l-reading-in', 'Reading[Observation]/l-each-note', 'Reading[Observation]/l-note-text']);
    expect(note?.sources).toEqual([{ path: '$.readings[1].notes[1]', value: 'rushed' }]);
  });

  it('conditions and formulas read JSON paths', () => {
    const m = new MapBuilder('Export', 'message', json);
    m.target('obs', 'Observation');
    m.each('Observation', m.src('$.readings'));
    m.set('Observation.interpretation.text', m.cond("$.readings.systolic >= 140 and $.deviceId != null", undefined, 'high'));
    m.set('Observation.code.text', m.cond("string.concat('BP ', $.readings.unit)", undefined, 'label'));
    expect(resources(spec([m.build()]), exportDoc).map((r) => JSON.stringify(r))).toEqual([
      '{"resourceType":"Observation","code":{"text":"BP mmHg"},"interpretation":[{"text":"false"}]}',
      '{"resourceType":"Observation","code":{"text":"BP kPa"},"interpretation":[{"text":"true"}]}',
      '{"resourceType":"Observation","code":{"text":"BP mmHg"},"interpretation":[{"text":"false"}]}',
    ]);
  });
});

describe('CSV sources', () => {
  const csv = 'patientId,measuredAt,systolic,diastolic,unit\nP-1,2026-03-02T07:41:00+01:00,128,82,mmHg\nP-1,2026-03-02T19:02:00+01:00,141,,mmHg\n';
  const csvRef = (messages: 'row' | 'file'): SchemaRef => ({ standard: 'csv', sample: csv, messages });

  it('one message per row: each row an object typed by the schema, traced to its row and column', () => {
    const m = new MapBuilder('Readings', 'message', csvRef('row'));
    m.target('obs', 'Observation');
    m.set('Observation.effective[x]:effectiveDateTime', m.src('$.measuredAt'));
    m.set('Observation.value[x]:valueQuantity.value', m.src('$.systolic'));
    m.set('Observation.component.value[x]:valueQuantity.value', m.src('$.diastolic'));
    m.set('Observation.subject.identifier.value', m.src('$.patientId'));
    const s = spec([m.build()]);
    const plan = compileMapping(s, { elements: catalog });
    const items = [...readInputs(inputFormatOf(s), csv, { file: 'bp.csv' })];
    expect(items.map((i) => [i.position, i.line, i.input && 'value' in i.input ? i.input.value : i.error])).toEqual([
      [1, 2, { patientId: 'P-1', measuredAt: '2026-03-02T07:41:00+01:00', systolic: 128, diastolic: 82, unit: 'mmHg' }],
      [2, 3, { patientId: 'P-1', measuredAt: '2026-03-02T19:02:00+01:00', systolic: 141, unit: 'mmHg' }],
    ]);
    const result = executeMapping(plan, items[1].input as never, { trace: true });
    expect(result.bundle.entry[0].resource).toEqual({
      resourceType: 'Observation', effectiveDateTime: '2026-03-02T19:02:00+01:00', valueQuantity: { value: 141 }, subject: { identifier: { value: 'P-1' } },
    });
    // The empty diastolic cell is absent: nothing is written for it, and nothing traced.
    expect(result.trace?.map((t) => [t.output, t.sources])).toEqual([
      ['entry[0].resource.effectiveDateTime', [{ path: '$.measuredAt', value: '2026-03-02T19:02:00+01:00', row: 3, column: 2 }]],
      ['entry[0].resource.subject.identifier.value', [{ path: '$.patientId', value: 'P-1', row: 3, column: 1 }]],
      ['entry[0].resource.valueQuantity.value', [{ path: '$.systolic', value: 141, row: 3, column: 3 }]],
    ]);
  });

  it('one message per file: $ is the list of rows, a context over it makes one resource per row', () => {
    const m = new MapBuilder('Readings', 'message', csvRef('file'));
    m.target('obs', 'Observation');
    m.each('Observation', m.src('$'));
    m.set('Observation.component.value[x]:valueQuantity.value', m.src('$.systolic'));
    const s = spec([m.build()]);
    const items = [...readInputs(inputFormatOf(s), csv)];
    expect(items).toHaveLength(1);
    const result = executeMapping(compileMapping(s, { elements: catalog }), items[0].input as never, { trace: true });
    expect(result.bundle.entry.map((e) => e.resource)).toEqual([
      { resourceType: 'Observation', component: [{ valueQuantity: { value: 128 } }] },
      { resourceType: 'Observation', component: [{ valueQuantity: { value: 141 } }] },
    ]);
    expect(result.trace?.map((t) => t.sources[0])).toEqual([
      { path: '$[0].systolic', value: 128, row: 2, column: 3 },
      { path: '$[1].systolic', value: 141, row: 3, column: 3 },
    ]);
  });
});

describe('JSON sources: what the compiler refuses', () => {
  it('an HL7 v2 path in a JSON map, a path the schema does not have, a bad JSON path', () => {
    const hl7Path = new MapBuilder('Export', 'message', json);
    hl7Path.target('obs', 'Observation');
    hl7Path.set('Observation.code.text', hl7Path.src('OBX-3.2'));
    expect(errorOf(() => compileMapping(spec([hl7Path.build()]), { elements: catalog }))).toMatchObject({
      code: 'MAP_BAD_SOURCE_PATH',
      message: 'Map Export reads JSON, so its paths start at $ (such as $.readings.systolic), not "OBX-3.2".',
      where: { map: 'Export', link: 'l-obs-code-text', path: 'OBX-3.2' },
    });

    const unknown = new MapBuilder('Export', 'message', { standard: 'json', sample: JSON.stringify(exportDoc) });
    unknown.target('obs', 'Observation');
    unknown.each('Observation', unknown.src('$.readings'));
    unknown.set('Observation.code.text', unknown.src('$.readings.systolc'));
    expect(errorOf(() => compileMapping(spec([unknown.build()]), { elements: catalog }))).toMatchObject({
      code: 'MAP_UNKNOWN_SOURCE_PATH',
      message: 'The path "$.readings.systolc" is not in the source schema of map Export; $.readings has systolic, diastolic, measuredAt, unit, irregular, notes. Add it as a field of the source if the data has it.',
    });
    const withField = spec([{ ...unknown.build(), sources: [{ id: 'msg', schema: { standard: 'json', sample: JSON.stringify(exportDoc), fields: [{ path: '$.readings.systolc', type: 'number' }] } }] }]);
    expect(() => compileMapping(withField, { elements: catalog })).not.toThrow();

    const bad = new MapBuilder('Export', 'message', json);
    bad.target('obs', 'Observation');
    bad.set('Observation.code.text', bad.src('$.readings[x]'));
    expect(errorOf(() => compileMapping(spec([bad.build()]), { elements: catalog }))).toMatchObject({
      code: 'MAP_BAD_SOURCE_PATH', message: 'The JSON path "$.readings[x]" is not valid at column 12: brackets hold an index from 0 or a quoted key.',
    });
  });

  it('a JSON map calling an HL7 v2 map, and an input of the other kind', () => {
    const pid = new MapBuilder('PID[Patient]', 'segment', hl7Segment('PID'), fhirResource('Observation'));
    pid.set('Observation.code.text', pid.src('PID-5.1'));
    const m = new MapBuilder('Export', 'message', json);
    m.target('obs', 'Observation');
    m.set('Observation', m.call('PID[Patient]', m.src('$')));
    expect(errorOf(() => compileMapping(spec([m.build(), pid.build()]), { elements: catalog }))).toMatchObject({
      code: 'MAP_CALL_INPUT', message: 'Node "pid" applies PID[Patient], which reads HL7 v2, but map Export maps JSON messages.',
    });
    const plan = compileMapping(spec([exportMap(), readingMap()]), { elements: catalog });
    expect(errorOf(() => executeMapping(plan, parseHl7('MSH|^~\\&|A|B|C|D|20260302||ORU^R01|1|P|2.5.1\r')))).toMatchObject({
      code: 'MESSAGE_WRONG_KIND', message: 'The input is an HL7 v2 message, but this mapping reads JSON or CSV.',
    });
  });

  it('refuses a CSV source on a map other than a message map, and message maps reading different kinds', () => {
    const row = new MapBuilder('Row[Observation]', 'segment', { standard: 'csv' }, fhirType('Quantity'));
    expect(errorOf(() => spec([exportMap(), readingMap(), row.build()]))).toMatchObject({
      code: 'SPEC_MAP_SHAPE', message: 'Map Row[Observation] is a segment map; a CSV file is read by a message map, and a map it calls reads one row as JSON ("standard": "json").',
    });
    const csvMap = new MapBuilder('Rows', 'message', { standard: 'csv' });
    csvMap.target('obs', 'Observation');
    expect(errorOf(() => spec([exportMap(), csvMap.build(), readingMap()]))).toMatchObject({
      code: 'SPEC_MIXED_INPUTS', message: 'Message map Rows reads csv, but message map Export reads json; one mapping reads one kind of input.',
    });
  });
});
