// The function library, value maps and the FHIR validator on 10,000 generated ADT^A01/ORU^R01 messages:
// per-call cost of each data type / date / unit function on the real component values the
// engine hands them, a value-map lookup, and validating a transaction Bundle per message.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeSchemaCatalog } from '../../shared/node/schema';
import { prepareFhirValidator } from '../../shared/common/fhir';
import { requireFunction, type FunctionContext } from '../../shared/common/functions';
import { parseHl7, type Hl7Segment } from '../../shared/common/hl7v2';
import { readComposite, repetitionNumbers } from '../../shared/common/mapping/compile/sourceRead';
import { compileValueMap } from '../../shared/common/valuemaps';
import type { BenchSection, BenchTable } from '../BenchSection';
import { generateMessages } from '../generate';
import { measure } from '../measure';

const COUNT = 10_000;
const context: FunctionContext = { defaultTimezone: '+01:00' };

/** Each non-empty repetition as the engine hands it to a data type function (the engine's own reader). */
function composites(segment: Hl7Segment, field: number): unknown[] {
  return repetitionNumbers(segment, field).map((r) => readComposite(segment, field, r, undefined, undefined));
}

const section: BenchSection = {
  name: 'Function library, value maps, FHIR validator',
  async run(): Promise<BenchTable[]> {
    const messages = generateMessages(COUNT).map((text) => parseHl7(text));
    const pids = messages.map((m) => m.segmentsById('PID')[0]);
    const obxs = messages.flatMap((m) => m.segmentsById('OBX'));
    const inputs = {
      cx: pids.flatMap((pid) => composites(pid, 3)),
      xpn: pids.flatMap((pid) => composites(pid, 5)),
      xad: pids.flatMap((pid) => composites(pid, 11)),
      xtn: pids.flatMap((pid) => composites(pid, 13)),
      dtm: pids.map((pid) => pid.value(7)),
      cwe: obxs.map((obx) => composites(obx, 3)[0]),
      nm: obxs.filter((obx) => obx.value(2) === 'NM').map((obx) => [obx.value(5), composites(obx, 6)[0]] as const),
      sex: pids.map((pid) => pid.value(8)),
    };
    const cases: { label: string; calls: () => number }[] = [];
    const add = (label: string, id: string, items: readonly unknown[], toInputs: (item: unknown) => Record<string, unknown>, params: Record<string, unknown> = {}) => {
      const definition = requireFunction(id);
      const prepared = items.map(toInputs);
      cases.push({ label: `${id} (${label})`, calls: () => { let n = 0; for (const i of prepared) if (definition.apply(i, params, context) !== undefined) n++; return n; } });
    };
    add('PID-3 reps', 'datatype.identifierFromCx', inputs.cx, (cx) => ({ cx }));
    add('PID-5 reps', 'datatype.humanNameFromXpn', inputs.xpn, (xpn) => ({ xpn }));
    add('PID-11 reps', 'datatype.addressFromXad', inputs.xad, (xad) => ({ xad }));
    add('PID-13 reps', 'datatype.contactPointFromXtn', inputs.xtn, (xtn) => ({ xtn }));
    add('PID-7', 'date.hl7ToFhirDateTime', inputs.dtm, (value) => ({ value }));
    add('OBX-3', 'code.codeableConceptFromCwe', inputs.cwe, (cwe) => ({ cwe }));
    add('OBX-5/6 NM', 'datatype.quantityFromNm', inputs.nm, (pair) => ({ value: (pair as readonly unknown[])[0], units: (pair as readonly unknown[])[1] }));
    add('lb → kg', 'unit.convert', inputs.nm.map((_, i) => 100 + (i % 150)), (value) => ({ value, unit: '[lb_av]' }), { to: 'kg', decimals: 2 });

    const gender = compileValueMap({
      id: 'sex', name: 'Sex', targetSystem: 'http://hl7.org/fhir/administrative-gender', unmapped: { kind: 'default', code: 'unknown' },
      entries: [{ source: 'F', target: 'female' }, { source: 'M', target: 'male' }, { source: 'O', target: 'other' }, { source: 'U', target: 'unknown' }, { source: 'A', target: 'other' }, { source: 'N', target: 'other' }],
    });
    cases.push({ label: 'value map apply (PID-8 → gender)', calls: () => { let n = 0; for (const s of inputs.sex) if (gender.apply(s ?? undefined).coding) n++; return n; } });

    const rows: (string | number)[][] = [];
    for (const c of cases) {
      const m = measure(c.calls, { warmup: 2, repeats: 7 });
      const calls = m.result as number;
      // `calls` counts calls that produced a value, so a function that silently returned nothing shows up here.
      rows.push([c.label, calls, calls === 0 ? '-' : (m.medianMs * 1000 / calls).toFixed(2), calls === 0 ? '-' : Math.round(calls / (m.medianMs / 1000)).toLocaleString('en-US')]);
    }

    // The validator on a typical per-message output: a transaction Bundle with Patient + Observations.
    const validator = await prepareFhirValidator(nodeSchemaCatalog(), ['Patient', 'Observation']);
    const bundles = messages.map((m, i) => {
      const pid = m.segmentsById('PID')[0];
      const patient = {
        resourceType: 'Patient',
        identifier: composites(pid, 3).map((cx) => requireFunction('datatype.identifierFromCx').apply({ cx }, {}, context)).filter(Boolean),
        name: composites(pid, 5).map((xpn) => requireFunction('datatype.humanNameFromXpn').apply({ xpn }, {}, context)).filter(Boolean),
        gender: gender.apply(pid.value(8) ?? undefined).coding?.code,
        birthDate: requireFunction('date.hl7ToFhirDate').apply({ value: pid.value(7) }, {}, context),
      };
      const observations = m.segmentsById('OBX').map((obx) => ({
        resourceType: 'Observation', status: 'final',
        code: requireFunction('code.codeableConceptFromCwe').apply({ cwe: composites(obx, 3)[0] }, {}, context),
        subject: { reference: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
      }));
      const patientUrl = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      return {
        resourceType: 'Bundle', type: 'transaction',
        entry: [patient, ...observations].map((resource, n) => ({ fullUrl: n === 0 ? patientUrl : `urn:uuid:00000000-0000-4000-9000-${String(i * 100 + n).padStart(12, '0')}`, resource, request: { method: 'POST', url: resource.resourceType } })),
      };
    });
    let issues = 0;
    const v = measure(() => { issues = 0; for (const b of bundles) issues += validator.validate(b).length; return bundles.length; }, { warmup: 1, repeats: 5 });
    const entries = bundles.reduce((n, b) => n + b.entry.length, 0);
    // Real, large outputs: the FHIR converter's expected Bundles in the reference folder (when it is there).
    const converterDir = resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/reference/hl7v2-samples/expected-fhir-converter');
    const realRows: (string | number)[][] = [];
    if (existsSync(converterDir)) {
      const docs = readdirSync(converterDir).filter((f) => f.startsWith('fhirconverter_') && f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(converterDir, f), 'utf8')) as { entry?: { resource: { resourceType: string } }[] });
      const realValidator = await prepareFhirValidator(nodeSchemaCatalog(), [...new Set(docs.flatMap((d) => (d.entry ?? []).map((e) => e.resource.resourceType)))]);
      let realIssues = 0;
      const r = measure(() => { realIssues = 0; for (const d of docs) realIssues += realValidator.validate(d).length; return docs.length; }, { warmup: 2, repeats: 9 });
      const resources = docs.reduce((n, d) => n + (d.entry?.length ?? 0), 0);
      realRows.push([docs.length, resources, realIssues, r.medianMs.toFixed(1), Math.round(resources / (r.medianMs / 1000)).toLocaleString('en-US')]);
    }
    return [
      {
        title: `Functions on ${messages.length.toLocaleString('en-US')} generated ADT^A01 and ORU^R01 messages`,
        columns: ['function (input)', 'calls with a value', 'µs/call', 'calls/s'],
        rows,
        notes: ['Inputs are the component arrays the engine passes (parsed once, outside the timing); median of 7 runs.'],
      },
      {
        title: 'FHIR R4 validation of one transaction Bundle per message',
        columns: ['bundles', 'resources', 'issues found', 'ms total', 'bundles/s'],
        rows: [[bundles.length, entries, issues, v.medianMs.toFixed(1), Math.round(bundles.length / (v.medianMs / 1000)).toLocaleString('en-US')]],
        notes: ['Cardinality, JSON types, primitive formats, required bindings (value sets expanded once in prepareFhirValidator).'],
      },
      {
        title: 'FHIR R4 validation of the FHIR converter outputs in ../shared/reference (real, large Bundles)',
        columns: ['bundles', 'resources', 'issues found', 'ms total', 'resources/s'],
        rows: realRows,
        notes: ['The issues are real faults of those outputs (see shared/common/fhir/validateFhir.test.ts).'],
      },
    ];
  },
};

export default section;
