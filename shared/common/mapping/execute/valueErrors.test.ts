import { describe, expect, test } from 'vitest';
import { parseHl7 } from '../../hl7v2';
import { nodeSchemaCatalog } from '../../../node/schema';
import type { FunctionDefinition } from '../../functions/FunctionDefinition';
import { getFunction } from '../../functions';
import { MapBuilder, buildSpec, fhirResource, fhirType, hl7Datatype, hl7Message, hl7Segment } from '../build/MapBuilder';
import { compileWithCatalog } from '../compile/compileWithCatalog';
import type { MappingSettings, MappingSpec } from '../spec/MappingSpec';
import { mapMessage } from './mapMessage';

// settings.valueErrors: a value the mapping cannot map fails the message (the default), or is
// left absent with its mark (a data-absent-reason) and a warning in an OperationOutcome entry.

/** NM → Quantity.value, as the library's NM[Quantity]: a data type map, failing whole. */
function nmQuantity() {
  const b = new MapBuilder('NM[Quantity]', 'datatype', hl7Datatype('NM'), fhirType('Quantity'));
  b.set('Quantity.value', b.fn('number.parse', { value: b.src('NM') }, undefined, 'value'));
  return b.build();
}

/** The value of one OBX, or of its current OBX-5 repetition (a segment map: it recovers). */
function obxValue() {
  const b = new MapBuilder('OBX[value]', 'segment', hl7Segment('OBX'), fhirResource('Observation'));
  b.set('Observation.value[x]:valueQuantity', b.call('NM[Quantity]', b.src('OBX-5')));
  // Units are a second link into the same Quantity: they go with the value when it fails.
  b.set('Observation.value[x]:valueQuantity.unit', b.src('OBX-6.1'), 1);
  return b.build();
}

function obxObservation() {
  const b = new MapBuilder('OBX[Observation]', 'segment', hl7Segment('OBX'), fhirResource('Observation'));
  b.set('Observation.status', b.constant('final', 'final'));
  b.set('Observation.code.text', b.src('OBX-3.2'));
  b.set('Observation', b.call('OBX[value]', b.cond('logic.count(OBX-5) <= 1', b.src('OBX'), 'single')));
  b.set('Observation', b.call('OBX[components]', b.cond('logic.count(OBX-5) > 1', b.src('OBX'), 'repeating')));
  b.set('Observation.effective[x]:effectiveDateTime', b.fn('date.hl7ToFhirDateTime', { value: b.src('OBX-14') }, undefined, 'observed'));
  return b.build();
}

/** One component per OBX-5 repetition, each valued by the same map as a single value. */
function obxComponents() {
  const b = new MapBuilder('OBX[components]', 'segment', hl7Segment('OBX'), fhirResource('Observation'));
  b.each('Observation.component', b.src('OBX-5'));
  b.set('Observation.component.code.text', b.src('OBX-3.2'));
  b.set('Observation.component', b.call('OBX[value]', b.src('OBX'), 'component-value'));
  return b.build();
}

function message() {
  const b = new MapBuilder('ORU_R01', 'message', hl7Message('ORU_R01'));
  b.target('observation', 'Observation');
  b.each('Observation', b.src('OBX'));
  b.set('Observation', b.call('OBX[Observation]', b.src('OBX')));
  return b.build();
}

const spec = (settings: MappingSettings): MappingSpec => buildSpec([message(), obxObservation(), obxComponents(), obxValue(), nmQuantity()], [], { defaultTimezone: 'Z', ...settings });

const MSH = 'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240101120000+0000||ORU^R01|1|P|2.5.1';
const text = (...obx: string[]) => [MSH, 'PID|1||123^^^HOSP^MR', 'OBR|1||F1|GLU^Glucose', ...obx].join('\r');
const GOOD = 'OBX|1|NM|2345-7^Glucose||5.5|mmol/L|||||F|||20240101110000';
const OVER = 'OBX|2|NM|2345-7^Glucose||>1000|mg/dL|||||F|||20240101110000';

async function run(settings: MappingSettings, hl7: string, functions?: (id: string) => FunctionDefinition | undefined) {
  const compiled = await compileWithCatalog(spec(settings), nodeSchemaCatalog(), { validate: true, ...(functions ? { functions } : {}) });
  return mapMessage(compiled, parseHl7(hl7), { validate: true });
}

const DAR_ERROR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }] };
const NUMBER_SENTENCE = 'The value is not an HL7 number (NM): digits with an optional sign and decimal point.';

describe('valueErrors', () => {
  test('fail (the default): a malformed NM fails the whole message, naming the node', async () => {
    for (const settings of [{}, { valueErrors: 'fail' as const }]) {
      const outcome = await run(settings, text(GOOD, OVER));
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error).toEqual({ code: 'NUMBER_INVALID', message: NUMBER_SENTENCE, where: { map: 'NM[Quantity]', node: 'value', path: 'OBX-5' } });
    }
  });

  test('absent: the other result is mapped; the malformed one keeps its code and time, says why its value is missing, and is not final', async () => {
    const outcome = await run({ valueErrors: 'absent' }, text(GOOD, OVER));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const resources = outcome.output.entry.map((e) => e.resource);
    expect(resources[0]).toEqual({
      resourceType: 'Observation', status: 'final', code: { text: 'Glucose' },
      valueQuantity: { value: 5.5, unit: 'mmol/L' }, effectiveDateTime: '2024-01-01T11:00:00Z',
    });
    // The units link wrote into the failed Quantity too: it goes with it (obs-6: no value beside a data-absent-reason).
    expect(resources[1]).toEqual({
      resourceType: 'Observation', status: 'unknown', code: { text: 'Glucose' },
      dataAbsentReason: DAR_ERROR, effectiveDateTime: '2024-01-01T11:00:00Z',
    });
    expect(outcome.output.entry[2]).toEqual({
      fullUrl: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      resource: {
        resourceType: 'OperationOutcome',
        issue: [{
          severity: 'warning', code: 'value',
          details: { text: `${NUMBER_SENTENCE} Its status was final; it is unknown here, since its value is missing.` },
          diagnostics: 'NUMBER_INVALID (OBX[2], map NM[Quantity], node value)',
          expression: ['Bundle.entry[1].resource.value'],
        }],
      },
      request: { method: 'POST', url: 'OperationOutcome' },
    });
    // The sentence never quotes the value.
    expect(JSON.stringify(outcome.output.entry[2])).not.toContain('1000');
  });

  test('absent: a message whose values all map has no OperationOutcome, and output as with fail', async () => {
    const absent = await run({ valueErrors: 'absent' }, text(GOOD));
    const fail = await run({}, text(GOOD));
    expect(absent).toEqual(fail);
    expect(absent.ok && absent.output.entry.map((e) => e.resource.resourceType)).toEqual(['Observation']);
  });

  test('absent: an element other than the value (a date that does not exist) carries the data-absent-reason extension; the status stays', async () => {
    const outcome = await run({ valueErrors: 'absent' }, text('OBX|1|NM|2345-7^Glucose||5.5|mmol/L|||||F|||20230230110000'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.output.entry[0].resource).toEqual({
      resourceType: 'Observation', status: 'final', code: { text: 'Glucose' }, valueQuantity: { value: 5.5, unit: 'mmol/L' },
      _effectiveDateTime: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'error' }] },
    });
    const issue = (outcome.output.entry[1].resource.issue as Array<Record<string, unknown>>)[0];
    expect(issue).toMatchObject({ severity: 'warning', code: 'value', diagnostics: 'DATE_INVALID (OBX, map OBX[Observation], node observed)', expression: ['Bundle.entry[0].resource.effective'] });
  });

  test('absent: a failed repetition of a repeating OBX-5 leaves its component without a value, the others kept', async () => {
    const outcome = await run({ valueErrors: 'absent' }, text('OBX|1|NM|8867-4^Heart rate||60~>200~120|/min|||||F'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.output.entry[0].resource).toEqual({
      resourceType: 'Observation', status: 'unknown', code: { text: 'Heart rate' },
      component: [
        { code: { text: 'Heart rate' }, valueQuantity: { value: 60, unit: '/min' } },
        { code: { text: 'Heart rate' }, dataAbsentReason: DAR_ERROR },
        { code: { text: 'Heart rate' }, valueQuantity: { value: 120, unit: '/min' } },
      ],
    });
    const issue = (outcome.output.entry[1].resource.issue as Array<Record<string, unknown>>)[0];
    expect(issue.expression).toEqual(['Bundle.entry[0].resource.component[1].value']);
    expect(issue.diagnostics).toBe('NUMBER_INVALID (OBX-5[2], map NM[Quantity], node value)');
  });

  test('absent: an extension whose value fails goes whole (one without its value means nothing), by path or as a context item', async () => {
    const b = new MapBuilder('ORU_R01', 'message', hl7Message('ORU_R01'));
    b.target('observation', 'Observation');
    b.each('Observation', b.src('OBX'));
    b.set('Observation.code.text', b.src('OBX-3.2'));
    b.set('Observation.status', b.constant('final', 'final'));
    // By path: a time from OBX-19 into code.extension[0] (no context fills code.extension).
    b.set('Observation.code.extension.url', b.constant('urn:example:analysis', 'analysis-url'));
    b.set('Observation.code.extension.value[x]:valueDateTime', b.fn('date.hl7ToFhirDateTime', { value: b.src('OBX-19') }, undefined, 'analysis'));
    // As context items: one extension per OBX-5 repetition.
    b.each('Observation.extension', b.src('OBX-5'), 1);
    b.set('Observation.extension.url', b.cond('OBX-5 != null', b.constant('urn:example:time', 'time-url'), 'has-time'));
    b.set('Observation.extension.value[x]:valueDateTime', b.fn('date.hl7ToFhirDateTime', { value: b.src('OBX-5') }, undefined, 'time'));
    const compiled = await compileWithCatalog(buildSpec([b.build()], [], { defaultTimezone: 'Z', valueErrors: 'absent' }), nodeSchemaCatalog(), { validate: true });
    const outcome = mapMessage(compiled, parseHl7(text('OBX|1|DTM|1^Times||20240101~20230230~20240102||||||F||||||||20230231')), { validate: true });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.output.entry[0].resource).toEqual({
      resourceType: 'Observation', code: { text: 'Times' }, status: 'final',
      extension: [{ url: 'urn:example:time', valueDateTime: '2024-01-01' }, { url: 'urn:example:time', valueDateTime: '2024-01-02' }],
    });
    const issues = outcome.output.entry[1].resource.issue as Array<Record<string, unknown>>;
    // In the order they were recorded: a context item's when its body ends, the resource's own when it ends.
    expect(issues.map((i) => [i.diagnostics, i.expression])).toEqual([
      ['DATE_INVALID (OBX-5[2], map ORU_R01, node time)', ['Bundle.entry[0].resource']],
      ['DATE_INVALID (OBX, map ORU_R01, node analysis)', ['Bundle.entry[0].resource']],
    ]);
  });

  test('absent: an exception inside a function (an engine or library bug) still fails the message', async () => {
    const broken: FunctionDefinition = { ...(getFunction('number.parse') as FunctionDefinition), apply: () => { throw new TypeError('boom'); } };
    const outcome = await run({ valueErrors: 'absent' }, text(GOOD), (id) => (id === 'number.parse' ? broken : getFunction(id)));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('MAP_FUNCTION_FAILED');
  });

  test('absent, traced (the studio preview): no trace entry points at what was removed', async () => {
    const compiled = await compileWithCatalog(spec({ valueErrors: 'absent' }), nodeSchemaCatalog());
    const outcome = mapMessage(compiled, parseHl7(text(GOOD, OVER)), { trace: true });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const outputs = (outcome.trace ?? []).map((t) => t.output);
    expect(outputs).toContain('entry[0].resource.valueQuantity.unit');
    expect(outputs.filter((o) => o.startsWith('entry[1].resource.value'))).toEqual([]);
    // The two whole-object entries are the map calls merged onto the Observation (OBX[Observation], OBX[value]).
    expect(outputs.filter((o) => o.startsWith('entry[1].resource')).sort()).toEqual(['entry[1].resource', 'entry[1].resource', 'entry[1].resource.code.text', 'entry[1].resource.effectiveDateTime', 'entry[1].resource.status']);
  });

  test('absent: the same message gives the same bytes, the OperationOutcome id included', async () => {
    const a = await run({ valueErrors: 'absent' }, text(GOOD, OVER));
    const b = await run({ valueErrors: 'absent' }, text(GOOD, OVER));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
