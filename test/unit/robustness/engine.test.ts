import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, test } from 'vitest';
import { Random, generateAdtA01WithIdentifiers } from '../../../bench/generate/index';
import { loadBundle } from '../../../shared/common/bundle/index';
import { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import { checkPrimitive, FHIR_PRIMITIVE_PATTERNS, jsonTypeOf, type FhirPrimitiveType } from '../../../shared/common/fhir/index';
import { functionDefinitions } from '../../../shared/common/functions/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import { compileWithCatalog, executeMapping, mapMessage, parseSpec, type CompiledMapping, type FhirResource, type MappingPlan } from '../../../shared/common/mapping/index';
import { dispatchStudioCall, studioMethodNames, type StudioApi } from '../../../shared/common/studio/index';
import { nodeSchemaCatalog } from '../../../shared/node/schema/index';

/**
 * Hostile input for the engine, kept here so it stays handled: text built to make a check
 * backtrack (ReDoS), and more. Time budgets are relative to a plain charCode loop over the same
 * text measured in the same test, so a slow or busy machine moves both sides: a check must stay
 * within LINEAR_FACTOR × that loop + FLOOR_MS. Lengths grow in small steps first, so an
 * exponential check fails at a hundred characters instead of hanging the run.
 */
const LINEAR_FACTOR = 50;
const FLOOR_MS = 10;
const LADDER = [24, 48, 72, 96, 120, 1000, 10_000];

let sink = 0;

/** The reference: one pass reading every code unit. Best of 5. */
function scanMs(text: string): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    let sum = 0;
    for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
    best = Math.min(best, performance.now() - start);
    sink += sum;
  }
  return best;
}

/**
 * fn's time on the shape: up to 3 tries, the first within budget ends it (one GC pause is not the
 * check's fault). Each try gets a different text of the shape, so a cache (UCUM units) cannot answer.
 */
function bestMs(fn: (text: string) => unknown, shape: Shape, length: number, budget: number): number {
  let best = Infinity;
  for (let variant = 0; variant < 3 && best > budget; variant++) {
    const text = shape.make(length, variant);
    const start = performance.now();
    fn(text);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Throws CrosswalkErrors away (refusing hostile text is fine), anything else is a bug. */
function quietly(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof CrosswalkError)) throw error;
  }
}

interface Shape {
  name: string;
  /** Text of about `length` characters; each variant a different one. */
  make(length: number, variant?: number): string;
}

/**
 * Runs of one valid character, and repeated groups (with white space) of the kind a pattern
 * loops over, each followed by a tail that spoils the match at the very end.
 */
function shapes(units: readonly string[], tails: readonly string[]): Shape[] {
  return units.flatMap((unit) => tails.map((tail) => ({ name: `${JSON.stringify(unit)} × n + ${JSON.stringify(tail)}`, make: (length: number, variant = 0) => unit.repeat(Math.max(1, Math.ceil((length - tail.length) / unit.length)) + variant) + tail })));
}

const UNITS = ['A', '0', '9', 'a', 'T', 'Z', ' ', '\t', '-', '.', ':', '+', '=', '/', '{', '}', '[', 'AAAA ', 'AAAA  ', ' AAAA', 'a ', ' a', '1.', '0.', 'T0', '{}', '12:', 'urn:oid:1.', '2024-01-01T'];
const TAILS = ['', '!', ' ', '  ', 'x', 'A', '\u00a0'];

/** Every shape at every length of the ladder stays within the budget; `copies`: how many times fn reads the text. */
function expectLinear(label: string, fn: (text: string) => unknown, shapeList: readonly Shape[], ladder: readonly number[] = LADDER, copies = 1): void {
  for (const shape of shapeList) {
    fn(shape.make(ladder[0])); // warm up (JIT, lazy tables)
    for (const length of ladder) {
      const text = shape.make(length);
      const budget = LINEAR_FACTOR * copies * scanMs(text) + FLOOR_MS;
      const ms = bestMs(fn, shape, length, budget);
      expect(ms, `${label} on ${shape.name} (${text.length} characters) took ${ms.toFixed(1)} ms, budget ${budget.toFixed(1)} ms`).toBeLessThanOrEqual(budget);
    }
  }
}

describe('FHIR primitive checks take time linear in the value', () => {
  const stringTypes = (Object.keys(FHIR_PRIMITIVE_PATTERNS) as FhirPrimitiveType[]).filter((type) => jsonTypeOf(type) === 'string');

  test.each(stringTypes)('%s', (type) => {
    expectLinear(type, (text) => checkPrimitive(type, text), shapes(UNITS, TAILS));
  });

  test('the value from the security probe is refused at once', () => {
    expect(checkPrimitive('base64Binary', 'AAAA  '.repeat(16) + '!')).toBe('it must be base64 text');
    expect(checkPrimitive('base64Binary', 'AAAA  '.repeat(2000))).toBeUndefined();
  });
});

describe('every function of the library takes time linear in its input', () => {
  const functionUnits = [...UNITS, '\\', '\\.sp ', '\\.in ', 'kg/', '10*', '(', 'mm[Hg]', '065.88', '+0215'];
  const functionShapes = shapes(functionUnits, ['', '!', ' ', 'x']);
  // Seven components (CWE, CX, XPN and units sit in the first seven), each the hostile text.
  const components = 7;

  test.each(functionDefinitions.map((d) => [d.id, d] as const))('%s', (_id, definition) => {
    const params = definition.examples.find((e) => e.params !== undefined)?.params ?? {};
    const call = (value: unknown) => quietly(() => definition.apply(Object.fromEntries(definition.inputs.map((port) => [port.name, port.many ? [value] : value])), params, { defaultTimezone: '+01:00' }));
    expectLinear(`${definition.id} (text input)`, (text) => call(text), functionShapes, [120, 1000, 10_000]);
    expectLinear(`${definition.id} (the text in every component)`, (text) => call(Array.from({ length: components }, () => text)), functionShapes, [120, 1000, 10_000], components);
  });
});

describe('a mapping with validation takes time linear in the message', () => {
  // Attachment.data is base64Binary and Period start/end go through the per-1 instant comparison
  // (validated); the condition compares OBX-5 with a number and its output is a decimal.
  const spec = (resource: string, links: unknown[], nodes: unknown[] = []) => parseSpec({
    format: 'crosswalk.mapping/1',
    sources: [{ id: 'msg', schema: { standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' } }],
    targets: [{ id: 'out', schema: { standard: 'fhir-r4', resource } }],
    nodes,
    links: [{ id: 'l-obx', kind: 'context', from: { source: 'msg', path: 'OBX' }, to: { target: 'out', path: resource } }, ...links],
    valueMaps: [],
    settings: {},
  });
  let validated: CompiledMapping;
  let numeric: CompiledMapping;

  beforeAll(async () => {
    const catalog = nodeSchemaCatalog();
    validated = await compileWithCatalog(spec('DocumentReference', [
      { id: 'l-data', from: { source: 'msg', path: 'OBX-5' }, to: { target: 'out', path: 'DocumentReference.content.attachment.data' } },
      { id: 'l-start', from: { source: 'msg', path: 'OBX-14' }, to: { target: 'out', path: 'DocumentReference.context.period.start' } },
      { id: 'l-end', from: { source: 'msg', path: 'OBX-5' }, to: { target: 'out', path: 'DocumentReference.context.period.end' } },
    ]), catalog, { validate: true });
    numeric = await compileWithCatalog(spec('Observation', [
      { id: 'l-in', from: { source: 'msg', path: 'OBX-5' }, to: { node: 'numeric', port: 'in' } },
      { id: 'l-out', from: { node: 'numeric', port: 'out' }, to: { target: 'out', path: 'Observation.value[x]:valueQuantity.value' } },
    ], [{ id: 'numeric', kind: 'condition', expression: 'OBX-5 != 1' }]), catalog);
  });

  // ER7-safe text only: no delimiters, no line breaks.
  const messageShapes = shapes(['A', '1', 'T', ' ', 'AAAA ', 'AAAA  ', '1.', 'T0', '2024-01-01T', '{}'], ['', '!', 'x', ' ']);
  const message = (value: string) => `MSH|^~\\&|A|B|C|D|20240101120000||ADT^A01^ADT_A01|1|P|2.5.1\rPID|1||1^^^H^MR||DOE^JOHN\rOBX|1|ST|X||${value}|||||||||${value}\r`;

  // The message holds the value twice (OBX-5 and OBX-14).
  test('Attachment.data and a Period, validated', () => {
    expectLinear('validated mapping', (value) => mapMessage(validated, parseHl7(message(value)), { validate: true }), messageShapes, LADDER, 2);
  });

  test('a numeric comparison and a decimal target', () => {
    expectLinear('numeric mapping', (value) => mapMessage(numeric, parseHl7(message(value))), messageShapes, LADDER, 2);
  });
});

describe('a field with very many repetitions maps in linear time', () => {
  // Each read of repetition r used to rescan the field from its start: 100,000 PID-3 repetitions took 42 s.
  const file = 'examples/adt-a01-to-fhir.crosswalk.json';
  let plan: MappingPlan;
  beforeAll(async () => {
    ({ plan } = await compileWithCatalog(loadBundle(readFileSync(file, 'utf8'), file).spec, nodeSchemaCatalog()));
  });
  const message = (count: number) => parseHl7(generateAdtA01WithIdentifiers(new Random(7), 1, count));
  const patient = (count: number): FhirResource => {
    const entry = executeMapping(plan, message(count)).bundle.entry.find((e) => e.resource.resourceType === 'Patient');
    if (entry === undefined) throw new Error('the example mapping wrote no Patient');
    return entry.resource;
  };

  test('100,000 repetitions of PID-3 become 100,000 identifiers, in order', () => {
    const identifiers = patient(100_000).identifier as { value: string }[];
    expect(identifiers).toHaveLength(100_000);
    expect(identifiers[99_999]).toEqual({
      system: 'urn:oid:2.16.840.1.113883.19.5',
      value: 'ID100000',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
    });
    const wrong = identifiers.findIndex((identifier, i) => identifier.value !== `ID${i + 1}`);
    expect(wrong).toBe(-1);
  });

  test('40,000 repetitions take less than 8 times as long as 10,000 (linear: 4, quadratic: 16)', () => {
    const ms = (count: number): number => {
      const parsed = message(count);
      const start = performance.now();
      executeMapping(plan, parsed);
      return performance.now() - start;
    };
    ms(1000); // warm up
    let small = Infinity;
    let large = Infinity;
    // Best of up to 3 rounds, interleaved: a busy moment does not fall on one size only.
    for (let round = 0; round < 3 && !(large / small < 8); round++) {
      small = Math.min(small, ms(10_000));
      large = Math.min(large, ms(40_000));
    }
    expect(large / small, `10,000 repetitions: ${small.toFixed(0)} ms, 40,000: ${large.toFixed(0)} ms`).toBeLessThan(8);
  });
});

describe('studio calls answer hostile payloads with a coded error, never a throw', () => {
  // Every method of a host that would run anything: the dispatcher must stop the payload first.
  const api = new Proxy({} as StudioApi, { get: () => async () => ({}) });
  const deep = (levels: number): unknown => JSON.parse(`{"a":${'['.repeat(levels)}${']'.repeat(levels)}}`);

  test.each(studioMethodNames)('%s', async (method) => {
    for (const payload of [deep(3000), deep(100_000), JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)]) {
      const envelope = await dispatchStudioCall(api, method, payload);
      expect(!envelope.ok && envelope.error.code).toBe('CW_STUDIO_TOO_DEEP');
    }
  });
});

test('the reference loop was not optimized away', () => {
  expect(sink).toBeGreaterThan(0);
});
