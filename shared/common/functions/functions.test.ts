import fc from 'fast-check';
import { describe, expect, it, test, vi } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { errorOf } from '../errors/errorOf';
import { checkPrimitive } from '../fhir/primitives';
import { HL7_NUMBER } from './number/parseHl7Number';
import {
  checkParams, functionCategories, functionDefinitions, functionRegistry, getFunction, isAssignable, listFunctions, requireFunction,
  type FunctionDefinition,
} from './index';

function call(definition: FunctionDefinition, inputs: Record<string, unknown>, params: Record<string, unknown> = {}, context = {}): unknown {
  return definition.apply(inputs, params, context);
}

const cases = functionDefinitions.flatMap((definition) =>
  definition.examples.map((example, index) => ({ name: `${definition.id} example ${index + 1}`, definition, example })));

describe('every example of every function is a test', () => {
  test.each(cases)('$name', ({ definition, example }) => {
    if (example.params) checkParams(definition, example.params);
    if (example.error !== undefined) {
      let thrown: unknown;
      try { call(definition, example.inputs, example.params, example.context); } catch (error) { thrown = error; }
      expect(thrown).toBeInstanceOf(CrosswalkError);
      expect((thrown as CrosswalkError).code).toBe(example.error);
      // One plain sentence: starts with a capital or a quote, ends with a full stop.
      expect((thrown as CrosswalkError).message).toMatch(/^["A-Z].*\.$/);
      return;
    }
    expect(call(definition, example.inputs, example.params, example.context)).toEqual(example.output);
  });
});

describe('the registry', () => {
  it('has unique ids in category.name form, docs, and at least one example each', () => {
    expect(functionRegistry.size).toBe(functionDefinitions.length);
    for (const d of functionDefinitions) {
      expect(d.id).toMatch(new RegExp(`^${d.category}\\.[a-z][A-Za-z0-9]+$`));
      expect(functionCategories).toContain(d.category);
      expect(d.description.length).toBeGreaterThan(20);
      expect(d.examples.length).toBeGreaterThan(0);
      for (const port of d.inputs) expect(port.description).not.toBe('');
      for (const example of d.examples) {
        for (const name of Object.keys(example.inputs)) expect(d.inputs.map((p) => p.name)).toContain(name);
        expect('output' in example || example.error !== undefined).toBe(true);
      }
    }
  });
  it('looks functions up by id and never through the prototype', () => {
    expect(getFunction('string.concat')?.label).toBe('Concatenate');
    expect(getFunction('__proto__')).toBeUndefined();
    expect(getFunction('toString')).toBeUndefined();
    expect(errorOf(() => requireFunction('string.nope', { node: 'n1' })).toJSON()).toEqual({ code: 'FUNCTION_UNKNOWN', message: 'There is no function "string.nope" in the library.', where: { node: 'n1' } });
  });
  it('lists by category in palette order', () => {
    const all = listFunctions();
    expect(all).toHaveLength(functionDefinitions.length);
    expect(all.map((d) => d.category)).toEqual([...all.map((d) => d.category)].sort((a, b) => functionCategories.indexOf(a) - functionCategories.indexOf(b)));
    expect(listFunctions('unit').map((d) => d.id)).toEqual(['unit.convert', 'unit.isValidUcum', 'unit.toUcum', 'unit.ucumCode', 'unit.systemUri']);
  });
  it('refuses unknown and mistyped parameters naming the node', () => {
    const pad = requireFunction('string.pad');
    expect(() => checkParams(pad, { lenght: 3 }, { node: 'n2' })).toThrow('The function string.pad has no parameter "lenght".');
    expect(() => checkParams(pad, { side: 'middle' })).toThrow('The parameter "side" of string.pad must be one of start, end.');
    expect(() => checkParams(requireFunction('lookup.table'), { table: 'I=IMP' })).toThrow('The parameter "table" of lookup.table must be a table.');
    expect(() => checkParams(pad, { length: '8', char: ' ' })).not.toThrow();
  });
});

describe('isAssignable', () => {
  test.each([
    ['string', 'code', true], ['date', 'dateTime', true], ['dateTime', 'date', false], ['v2composite', 'string', true],
    ['string', 'v2composite', true], ['Quantity', 'object', true], ['Quantity', 'Coding', false], ['number', 'string', false],
    ['any', 'HumanName', true], ['CodeableConcept', 'any', true],
  ] as const)('%s → %s is %s', (from, to, expected) => {
    expect(isAssignable(from, to)).toBe(expected);
  });
});

describe('date functions produce valid FHIR primitives', () => {
  const dateTime = requireFunction('date.hl7ToFhirDateTime');
  const date = requireFunction('date.hl7ToFhirDate');
  const instant = requireFunction('date.hl7ToFhirInstant');
  const back = requireFunction('date.fhirToHl7DateTime');
  test.each([
    ['2006', '2006'], ['200611', '2006-11'], ['20061120', '2006-11-20'], ['2006112008', '2006-11-20T08:00:00+01:00'],
    ['200611200830', '2006-11-20T08:30:00+01:00'], ['20061120083015', '2006-11-20T08:30:15+01:00'],
    ['20061120083015.1', '2006-11-20T08:30:15.1+01:00'], ['20061120083015.1234-1400', '2006-11-20T08:30:15.1234-14:00'],
    ['20061120083015+0215', '2006-11-20T08:30:15+02:15'], ['20240229', '2024-02-29'], ['20000229', '2000-02-29'],
  ])('%s → %s', (hl7, fhir) => {
    const out = call(dateTime, { value: hl7 }, {}, { defaultTimezone: '+01:00' }) as string;
    expect(out).toBe(fhir);
    expect(checkPrimitive('dateTime', out)).toBeUndefined();
    expect(checkPrimitive('date', call(date, { value: hl7 }))).toBeUndefined();
  });
  test.each([
    ['20230230', 'The value is not a valid HL7 date/time (DTM): the day does not exist in its month.'],
    ['20230229', 'The value is not a valid HL7 date/time (DTM): the day does not exist in its month.'],
    ['19000229', 'The value is not a valid HL7 date/time (DTM): the day does not exist in its month.'],
    ['200613', 'The value is not a valid HL7 date/time (DTM): the month is not 01 to 12.'],
    ['2006112', 'The value is not a valid HL7 date/time (DTM): the date is YYYY, YYYYMM or YYYYMMDD.'],
    ['20061120250000', 'The value is not a valid HL7 date/time (DTM): the hour is not 00 to 23.'],
    ['200611200861', 'The value is not a valid HL7 date/time (DTM): the minute is not 00 to 59.'],
    ['2006112008301', 'The value is not a valid HL7 date/time (DTM): the time is HH, HHMM or HHMMSS.'],
    ['20061120083015.12345', 'The value is not a valid HL7 date/time (DTM): fractional seconds are one to four digits.'],
    ['20061120+25', 'The value is not a valid HL7 date/time (DTM): a timezone offset is + or - followed by four digits (HHMM).'],
    ['20061120+1500', 'The value is not a valid HL7 date/time (DTM): the timezone offset is out of range.'],
    ['2006-11-20', 'The value is not a valid HL7 date/time (DTM): a timezone offset is + or - followed by four digits (HHMM).'],
    ['abc', 'The value is not a valid HL7 date/time (DTM): the date is YYYY, YYYYMM or YYYYMMDD.'],
  ])('refuses %s without quoting it', (hl7, message) => {
    expect(() => call(dateTime, { value: hl7 }, {}, { defaultTimezone: 'Z' })).toThrow(new CrosswalkError('DATE_INVALID', message));
    // An error sentence never repeats the value (it may be a birth date): errors reach logs.
    try { call(dateTime, { value: hl7 }, {}, { defaultTimezone: 'Z' }); } catch (error) { expect((error as Error).message).not.toContain(hl7); }
  });
  it('says how to fix a time without timezone, and checks the default timezone', () => {
    expect(() => call(dateTime, { value: '200611200830' })).toThrow('The time has no timezone, nor has MSH-7, and the mapping sets no default timezone; FHIR needs one (set the default timezone, or let this function keep only the date).');
    expect(() => call(dateTime, { value: '200611200830' }, {}, { defaultTimezone: 'CET' })).toThrow('The default timezone "CET" is not of the form +01:00, -05:30 or Z.');
    expect(call(dateTime, { value: '200611200830-0500' }, {}, { defaultTimezone: 'Z' })).toBe('2006-11-20T08:30:00-05:00');
  });
  it('gives instants that validate, and round-trips through HL7', () => {
    for (const hl7 of ['20061120083015.1234+0215', '20061120083015-0500', '20061120083015+0000']) {
      const fhir = call(instant, { value: hl7 }) as string;
      expect(checkPrimitive('instant', fhir)).toBeUndefined();
      const again = call(back, { value: fhir });
      expect(again).toBe(hl7);
    }
    expect(call(back, { value: call(dateTime, { value: '200611' }) })).toBe('200611');
  });
});

describe('units through UCUM', () => {
  const convert = requireFunction('unit.convert');
  test.each([
    [150, '[lb_av]', 'kg', 68.0388555], [70, '[in_i]', 'cm', 177.8], [100, 'Cel', '[degF]', 212], [212, '[degF]', 'Cel', 100],
    [1, 'kg', 'g', 1000], [120, 'mm[Hg]', 'kPa', 15.99864], [5, '[ft_i]', 'm', 1.524], [16, 'oz', '[lb_av]', 1],
  ])('%s %s → %s %s', (value, from, to, expected) => {
    expect(call(convert, { value, unit: from }, { to })).toBe(expected);
  });
  it('gives the same result on the cached-factor path as the exact definition, and keeps special units exact', () => {
    for (const value of [0.1, 1, 7.3, 150, 1234567.891]) {
      expect(call(convert, { value, unit: '[lb_av]' }, { to: 'kg' })).toBe(Number((value * 0.45359237).toPrecision(12)));
      expect(call(convert, { value, unit: 'Cel' }, { to: '[degF]' })).toBe(Number((value * 9 / 5 + 32).toPrecision(12)));
    }
  });
  it('treats text that ucum-lhc trips over (prototype names) as not UCUM', () => {
    expect(call(requireFunction('unit.isValidUcum'), { unit: 'toString' })).toBe(false);
    expect(call(requireFunction('unit.toUcum'), { unit: '__proto__' })).toBeUndefined();
    expect(errorOf(() => call(convert, { value: 1, unit: 'constructor' }, { to: 'kg' }))).toMatchObject({ code: 'UNIT_INVALID', detail: 'constructor' });
    // ucum-lhc console.logs such units; on the runtime's stdout that would corrupt NDJSON output.
    const log = vi.spyOn(console, 'log');
    try {
      expect(errorOf(() => call(convert, { value: 1, unit: 'kg/toString' }, { to: 'kg' }))).toMatchObject({ code: 'UNIT_INVALID', detail: 'kg/toString' });
      expect(call(requireFunction('unit.isValidUcum'), { unit: 'mg{toString}/dL' })).toBe(true);
      // Text ucum-lhc's parser throws on, which it logs too; and text too long to be a unit.
      expect(call(requireFunction('unit.isValidUcum'), { unit: 'mg / dL' })).toBe(false);
      expect(call(requireFunction('unit.isValidUcum'), { unit: '   ' })).toBe(false);
      expect(call(requireFunction('unit.isValidUcum'), { unit: '{}'.repeat(4000) })).toBe(false);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
  it('says which unit is not UCUM and that a pair does not convert, with the units as detail, not in the sentence', () => {
    const invalid = errorOf(() => call(convert, { value: 1, unit: 'kg' }, { to: 'KG' }));
    expect([invalid.code, invalid.message, invalid.detail]).toEqual(['UNIT_INVALID', 'The unit to convert to is not a valid UCUM unit.', 'KG']);
    const unknown = errorOf(() => call(convert, { value: 1, unit: 'stone-ish' }, { to: 'kg' }));
    expect([unknown.code, unknown.message, unknown.detail]).toEqual(['UNIT_INVALID', 'The unit to convert from is not a valid UCUM unit, nor a v2 unit with a known UCUM code.', 'stone-ish']);
    const incompatible = errorOf(() => call(convert, { value: 1, unit: 'kg' }, { to: 'Cel' }));
    expect([incompatible.code, incompatible.message, incompatible.detail]).toEqual(['UNIT_INCOMPATIBLE', 'The unit of the value and the unit to convert to measure different things, so one does not convert to the other.', 'kg → Cel']);
    expect(() => call(convert, { value: 1 }, { to: 'kg' })).toThrow('The value has no unit to convert from: link one or set the "from" parameter.');
  });
});

describe('functions never write prototype keys', () => {
  it('builds plain objects even from hostile component objects', () => {
    const hostile = JSON.parse('{"1":"12345","__proto__":{"polluted":true},"5":"MR"}') as Record<string, unknown>;
    const identifier = call(requireFunction('datatype.identifierFromCx'), { cx: hostile }) as Record<string, unknown>;
    expect(identifier).toEqual({ value: '12345', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] } });
    expect(Object.getPrototypeOf(identifier)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('HL7 NM text', () => {
  it('is recognised exactly as the earlier pattern did, without its quadratic backtracking', () => {
    const earlier = /^[+-]?(\d+\.?\d*|\.\d+)$/;
    fc.assert(fc.property(fc.array(fc.constantFrom('0', '7', '.', '+', '-', 'e', ' '), { maxLength: 8 }), (chars) => {
      const text = chars.join('');
      expect(HL7_NUMBER.test(text)).toBe(earlier.test(text));
    }), { numRuns: 3000 });
  });
});
