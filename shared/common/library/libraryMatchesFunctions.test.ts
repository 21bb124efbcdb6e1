import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { requireFunction } from '../functions';
import type { FunctionContext, FunctionExample } from '../functions/FunctionDefinition';
import { period } from '../functions/datatype/period';
import { component, subcomponent } from '../functions/util/components';
import { parseHl7, type Hl7Message, type Hl7Segment } from '../hl7v2';
import { readComposite, repetitionNumbers } from '../mapping/compile/sourceRead';
import { messageContext } from '../mapping/execute/messageContext';
import { cleanCopy } from '../mapping/execute/writeValue';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { fhirCatalog, readSample, samplesDir } from '../../node/fixtures/referenceFixtures';
import { libraryMap, libraryMaps } from './libraryMaps';
import { libraryHarness, type LibraryCall } from './testing/libraryHarness';

// The library maps draw the rules the datatype.* / code.* / date.* functions hid. Run on every
// value of the right data type in the reference samples, and on every example of those functions,
// each map gives what its function gave (written into FHIR the way the engine writes a function's
// output), except for the differences its library entry lists, which are applied here one by one.

/** A function's or a map's result: its value, or the code of the error it failed with. */
interface Outcome {
  value?: unknown;
  error?: string;
}

/** One value of a message: a field repetition whose data type is known. */
interface Value {
  label: string;
  message: Hl7Message;
  segment: Hl7Segment;
  /** As a map call reads it: `OBX[2]-5[1]`. */
  path: string;
  field: number;
  rep: number;
  /** The data type (`CX`; for OBX-5 the type OBX-2 names). */
  type: string;
  /** The units field of an OBX-5 (OBX-6) or of an example's value. */
  units?: { path: string; composite: unknown };
}

const composite = (v: Value): unknown => readComposite(v.segment, v.field, v.rep, undefined, undefined);

function outcome(run: () => unknown): Outcome {
  try {
    return { value: cleanCopy(run()) };
  } catch (error) {
    if (error instanceof CrosswalkError) return { error: error.code };
    throw error;
  }
}

interface Replacement {
  /** The library map, and the function it replaces. */
  map: string;
  functionId: string;
  types: readonly string[];
  inputs(v: Value): Record<string, unknown>;
  /** The library calls for a value whose function result is `expected` (units are linked only onto a value, as the OBX map links them). */
  calls?(v: Value, expected: Outcome): LibraryCall[];
  /** The function's outcome with the map's listed differences applied. */
  expected?(old: Outcome, v: Value, context: FunctionContext): Outcome;
  /** The function input an example's value is (the first by default; `units` for CWE[Quantity]). */
  exampleInput?: string;
}

const one = (map: string) => (v: Value): LibraryCall[] => [{ map, path: v.path }];
const unitsOn = (map: string, at: readonly (string | undefined)[]) => (v: Value, expected: Outcome): LibraryCall[] => [
  { map, path: v.path },
  ...(v.units && expected.value !== undefined ? at.map((place) => ({ map: 'CWE[Quantity]', path: (v.units as { path: string }).path, ...(place ? { at: place } : {}) })) : []),
];
/** An SN of another kind gives nothing from this map (the OBX map picks the SN map by SN.3) instead of SN_UNSUPPORTED. */
const otherKindGivesNothing = (old: Outcome): Outcome => (old.error === 'SN_UNSUPPORTED' ? {} : old);

const replacements: readonly Replacement[] = [
  { map: 'CX[Identifier]', functionId: 'datatype.identifierFromCx', types: ['CX'], inputs: (v) => ({ cx: composite(v) }) },
  { map: 'XPN[HumanName]', functionId: 'datatype.humanNameFromXpn', types: ['XPN'], inputs: (v) => ({ xpn: composite(v) }) },
  {
    map: 'XAD[Address]', functionId: 'datatype.addressFromXad', types: ['XAD'], inputs: (v) => ({ xad: composite(v) }),
    // Listed differences: SAD.2 and SAD.3 are lines after SAD.1; XAD.12 (validity range) gives the
    // period when XAD.13 and XAD.14 are empty.
    expected(old, v, context) {
      const xad = composite(v);
      if (old.error) return old;
      let value = old.value as Record<string, unknown> | undefined;
      const street = [2, 3].map((n) => subcomponent(xad, 1, n)).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
      if (street.length > 0) {
        const lines = (value?.line ?? []) as string[];
        const first = typeof subcomponent(xad, 1, 1) === 'string' && (subcomponent(xad, 1, 1) as string).trim() !== '' ? 1 : 0;
        value = { ...value, line: [...lines.slice(0, first), ...street, ...lines.slice(first)] };
      }
      if (component(xad, 13) !== undefined || component(xad, 14) !== undefined) return { value };
      const range = period(subcomponent(xad, 12, 1), subcomponent(xad, 12, 2), context);
      return range === undefined ? { value } : { value: { ...value, period: range } };
    },
  },
  { map: 'XTN[ContactPoint]', functionId: 'datatype.contactPointFromXtn', types: ['XTN'], inputs: (v) => ({ xtn: composite(v) }) },
  { map: 'CWE[CodeableConcept]', functionId: 'code.codeableConceptFromCwe', types: ['CWE', 'CE', 'CNE'], inputs: (v) => ({ cwe: composite(v) }) },
  { map: 'CE[CodeableConcept]', functionId: 'code.codeableConceptFromCwe', types: ['CE'], inputs: (v) => ({ cwe: composite(v) }) },
  { map: 'CNE[CodeableConcept]', functionId: 'code.codeableConceptFromCwe', types: ['CNE'], inputs: (v) => ({ cwe: composite(v) }) },
  { map: 'CWE[Coding]', functionId: 'code.codingFromCwe', types: ['CWE', 'CE', 'CNE'], inputs: (v) => ({ cwe: composite(v) }) },
  {
    // The unit part of datatype.quantityFromNm, on every coded field: what CWE[Quantity] writes of it.
    map: 'CWE[Quantity]', functionId: 'datatype.quantityFromNm', types: ['CWE', 'CE'], inputs: (v) => ({ value: '0', units: composite(v) }), exampleInput: 'units',
    expected(old) {
      if (old.error) return old;
      const { value: _number, ...unit } = old.value as Record<string, unknown>;
      return { value: cleanCopy(unit) };
    },
  },
  { map: 'NM[Quantity]', functionId: 'datatype.quantityFromNm', types: ['NM'], inputs: (v) => ({ value: composite(v), units: v.units?.composite }), calls: unitsOn('NM[Quantity]', [undefined]) },
  { map: 'SN[Quantity]', functionId: 'datatype.quantityFromSn', types: ['SN'], inputs: (v) => ({ sn: composite(v), units: v.units?.composite }), calls: unitsOn('SN[Quantity]', [undefined]), expected: otherKindGivesNothing },
  { map: 'SN[Range]', functionId: 'datatype.rangeFromSn', types: ['SN'], inputs: (v) => ({ sn: composite(v), units: v.units?.composite }), calls: unitsOn('SN[Range]', ['low', 'high']), expected: otherKindGivesNothing },
  { map: 'SN[Ratio]', functionId: 'datatype.ratioFromSn', types: ['SN'], inputs: (v) => ({ sn: composite(v), units: v.units?.composite }), calls: unitsOn('SN[Ratio]', ['numerator']), expected: otherKindGivesNothing },
  { map: 'DTM[dateTime]', functionId: 'date.hl7ToFhirDateTime', types: ['DTM', 'TS'], inputs: (v) => ({ value: composite(v) }) },
  { map: 'TS[dateTime]', functionId: 'date.hl7ToFhirDateTime', types: ['TS'], inputs: (v) => ({ value: composite(v) }) },
  { map: 'DTM[date]', functionId: 'date.hl7ToFhirDate', types: ['DTM', 'TS'], inputs: (v) => ({ value: composite(v) }) },
  { map: 'DT[date]', functionId: 'date.hl7ToFhirDate', types: ['DT'], inputs: (v) => ({ value: composite(v) }) },
  { map: 'DTM[instant]', functionId: 'date.hl7ToFhirInstant', types: ['DTM', 'TS'], inputs: (v) => ({ value: composite(v) }) },
  { map: 'PL[Reference]', functionId: 'datatype.referenceFromPl', types: ['PL'], inputs: (v) => ({ pl: composite(v) }) },
  {
    map: 'XCN[Reference]', functionId: 'datatype.referenceFromXcn', types: ['XCN'], inputs: (v) => ({ xcn: composite(v) }),
    // Listed difference: the identifier is XCN[Identifier], drawn like CX[Identifier] over XCN.1, .11, .12, .9 and .13.
    expected(old, v, context) {
      if (old.error || old.value === undefined) return old;
      const xcn = composite(v) as unknown[];
      const pick = (n: number): unknown => (Array.isArray(xcn) ? xcn[n - 1] : n === 1 ? xcn : undefined);
      const identifier = cleanCopy(requireFunction('datatype.identifierFromCx').apply({ cx: [pick(1), pick(11), pick(12), pick(9), pick(13)] }, {}, context));
      const { identifier: _old, ...rest } = old.value as Record<string, unknown>;
      return { value: cleanCopy({ ...rest, identifier }) };
    },
  },
];

const contexts: readonly FunctionContext[] = [{}, { defaultTimezone: '+01:00' }];

let catalog: SchemaCatalog;
const harnesses = new Map<string, ReturnType<typeof libraryHarness>>();
const harness = (context: FunctionContext) => {
  const key = context.defaultTimezone ?? '';
  let found = harnesses.get(key);
  if (!found) harnesses.set(key, (found = libraryHarness(catalog, context.defaultTimezone ? { defaultTimezone: context.defaultTimezone } : {})));
  return found;
};

beforeAll(async () => {
  catalog = await fhirCatalog(['Basic', 'Location', 'Practitioner']);
});

/** Every field repetition of every reference sample, with its data type from the schema catalog (OBX-5: the type OBX-2 names). */
async function sampleValues(): Promise<Value[]> {
  const out: Value[] = [];
  for (const sample of readdirSync(samplesDir).filter((f) => f.endsWith('.hl7')).sort()) {
    const message = parseHl7(readSample(sample));
    const sent = String(message.segment('MSH')?.value(12) ?? '');
    const occurrences = new Map<string, number>();
    for (const segment of message.segments) {
      const occurrence = (occurrences.get(segment.id) ?? 0) + 1;
      occurrences.set(segment.id, occurrence);
      const tree = await catalog.tree({ standard: 'hl7v2', version: sent, structure: segment.id }).catch(() => catalog.tree({ standard: 'hl7v2', version: '2.5.1', structure: segment.id })).catch(() => undefined);
      for (const field of tree?.children ?? []) {
        const n = Number(field.id.split('-')[1]);
        let type = field.dataType ?? '';
        if (segment.id === 'OBX' && n === 5) type = String(segment.value(2) ?? '').trim();
        for (const rep of repetitionNumbers(segment, n)) {
          const path = `${segment.id}[${occurrence}]-${n}[${rep}]`;
          const units = segment.id === 'OBX' && n === 5 ? { path: `${segment.id}[${occurrence}]-6[1]`, composite: readComposite(segment, 6, 1, undefined, undefined) } : undefined;
          out.push({ label: `${sample} ${path}`, message, segment, path, field: n, rep, type, ...(units ? { units } : {}) });
        }
      }
    }
  }
  return out;
}

/** Compares the map with the function on values; returns how many were compared and the mismatches. */
function compare(r: Replacement, values: readonly Value[], context: FunctionContext, examples?: readonly FunctionExample[]) {
  const fn = requireFunction(r.functionId);
  const mismatches: { value: string; expected: Outcome; map: Outcome }[] = [];
  let outputs = 0;
  let errors = 0;
  values.forEach((v, i) => {
    const example = examples?.[i];
    const old: Outcome = example
      ? (example.error !== undefined ? { error: example.error } : { value: cleanCopy(example.output) })
      : outcome(() => fn.apply(r.inputs(v), {}, messageContext(context, v.message)));
    const expected = r.expected ? r.expected(old, v, messageContext(context, v.message)) : old;
    const calls = r.calls ? r.calls(v, expected) : one(r.map)(v);
    const got = outcome(() => harness(context).run(v.message, calls));
    if (got.value !== undefined) outputs++;
    if (got.error !== undefined) errors++;
    if (JSON.stringify(sorted(got)) !== JSON.stringify(sorted(expected))) mismatches.push({ value: v.label, expected, map: got });
  });
  return { compared: values.length, outputs, errors, mismatches };
}

/** JSON with sorted keys, for comparing outcomes whose members come in another order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

describe('the library maps give what the functions they replace gave', () => {
  let values: Value[];
  beforeAll(async () => {
    values = await sampleValues();
  });

  const counts: Record<string, Count> = {};

  test.each(replacements.map((r) => [r.map, r.functionId, r] as const))('%s = %s on every value of its types in the reference samples', (_map, _fn, r) => {
    const mine = values.filter((v) => r.types.includes(v.type));
    const count: Count = { values: mine.length, outputs: [], errors: [] };
    for (const context of contexts) {
      const result = compare(r, mine, context);
      expect(result.mismatches).toEqual([]);
      count.outputs.push(result.outputs);
      count.errors.push(result.errors);
    }
    counts[r.map] = count;
  });

  test('how many sample values each map was compared on (with and without a default timezone)', () => {
    expect(counts).toEqual(EXPECTED_COUNTS);
  });
});

test('every library map that replaces a function is compared with it here', () => {
  const replacing = libraryMaps.filter((e) => e.replaces).map((e) => `${e.map.id} ${e.replaces?.functionId}`);
  expect(replacements.map((r) => `${r.map} ${r.functionId}`).sort()).toEqual(replacing.sort());
});

describe('the library maps give what the functions gave on every example of those functions', () => {
  test.each(replacements.map((r) => [r.map, r.functionId, r] as const))('%s = the examples of %s', (_map, _fn, r) => {
    expect(libraryMap(r.map)).toBeDefined();
    // Examples with parameters document a setting the map does not have (withoutTimezone, inferUcum);
    // for CWE[Quantity], an example without units is about the number.
    const examples = requireFunction(r.functionId).examples.filter((e) => e.params === undefined && (r.exampleInput === undefined || r.exampleInput in e.inputs));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const v = exampleValue(example, r.types[0], r.exampleInput);
      const { mismatches } = compare(r, [v], example.context ?? {}, [example]);
      expect(mismatches).toEqual([]);
    }
  });
});

/** Values compared per map, and how many gave an output and an error (without a default timezone / with +01:00). */
interface Count {
  values: number;
  outputs: number[];
  errors: number[];
}

const EXPECTED_COUNTS: Record<string, Count> = {
  'CX[Identifier]': { values: 111, outputs: [110, 110], errors: [0, 0] },
  'XPN[HumanName]': { values: 83, outputs: [83, 83], errors: [0, 0] },
  'XAD[Address]': { values: 97, outputs: [97, 97], errors: [0, 0] },
  'XTN[ContactPoint]': { values: 102, outputs: [94, 94], errors: [0, 0] },
  'CWE[CodeableConcept]': { values: 437, outputs: [435, 435], errors: [0, 0] },
  'CE[CodeableConcept]': { values: 385, outputs: [383, 383], errors: [0, 0] },
  'CNE[CodeableConcept]': { values: 3, outputs: [3, 3], errors: [0, 0] },
  'CWE[Coding]': { values: 437, outputs: [434, 434], errors: [0, 0] },
  'CWE[Quantity]': { values: 434, outputs: [431, 431], errors: [0, 0] },
  'NM[Quantity]': { values: 79, outputs: [79, 79], errors: [0, 0] },
  'SN[Quantity]': { values: 1, outputs: [1, 1], errors: [0, 0] },
  'SN[Range]': { values: 1, outputs: [0, 0], errors: [0, 0] },
  'SN[Ratio]': { values: 1, outputs: [0, 0], errors: [0, 0] },
  // Without a default timezone, the times with no offset of their own in messages whose MSH-7 has none still fail.
  'DTM[dateTime]': { values: 254, outputs: [238, 254], errors: [16, 0] },
  'TS[dateTime]': { values: 245, outputs: [237, 245], errors: [8, 0] },
  'DTM[date]': { values: 254, outputs: [254, 254], errors: [0, 0] },
  'DT[date]': { values: 39, outputs: [39, 39], errors: [0, 0] },
  'DTM[instant]': { values: 254, outputs: [183, 199], errors: [71, 55] },
  'PL[Reference]': { values: 37, outputs: [37, 37], errors: [0, 0] },
  'XCN[Reference]': { values: 151, outputs: [148, 148], errors: [0, 0] },
};

/** HL7 text for one decoded value as the function library takes it (a string, components, subcomponents, an object keyed by component number). */
function encode(value: unknown, level = 0): string {
  if (value === undefined) return '';
  if (value === null) return '""';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.replace(/\\/g, '\\E\\').replace(/\|/g, '\\F\\').replace(/\^/g, '\\S\\').replace(/&/g, '\\T\\').replace(/~/g, '\\R\\');
  const items = Array.isArray(value) ? value : Array.from({ length: Math.max(...Object.keys(value as object).map(Number)) }, (_, i) => (value as Record<string, unknown>)[String(i + 1)]);
  return items.map((item) => encode(item, level + 1)).join(level === 0 ? '^' : '&');
}

/** An example's inputs as a message: the value (`input`) in ZZZ-1, its units in ZZZ-2. */
function exampleValue(example: FunctionExample, type: string, input = Object.keys(example.inputs).find((name) => name !== 'units') as string): Value {
  const main = example.inputs[input];
  const units = input === 'units' ? undefined : example.inputs.units;
  // A time zone of the message is MSH-7's, as the engine reads it.
  const sent = example.context?.messageTimezone === undefined ? '' : `20000101000000${example.context.messageTimezone.replace(':', '')}`;
  const message = parseHl7(`MSH|^~\\&|||||${sent}||ADT^A01|1|P|2.5.1\rZZZ|${encode(main)}|${encode(units)}`);
  const segment = message.segment('ZZZ') as Hl7Segment;
  return {
    label: JSON.stringify(example.inputs), message, segment, path: 'ZZZ[1]-1[1]', field: 1, rep: 1, type,
    ...(units !== undefined ? { units: { path: 'ZZZ[1]-2[1]', composite: readComposite(segment, 2, 1, undefined, undefined) } } : {}),
  };
}
