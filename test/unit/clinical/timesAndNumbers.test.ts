import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, loadBundleText, type CompiledBundle } from '../../../runtime/index';
import { buildHomeBloodPressureCsv } from '../../../examples/src/homeBloodPressure';
import { captureIo } from '../../../runtime/commands/captureIo';
import { runRun } from '../../../runtime/commands/run';
import { runTest } from '../../../runtime/commands/test';
import { createBundle, loadBundle, serializeBundle } from '../../../shared/common/bundle';
import { writeJson } from '../../../shared/common/json/writeJson';
import { sampleFiles } from '../examples/exampleFixture';
import { compiledExample, mapOne, outputOf, readSample, resources, withFields } from './clinicalFixture';

// Clinical edge cases on real messages, one behaviour each, with the exact output text: decimals
// keep the precision sent, times are never given an offset nobody sent, units claim UCUM only when
// they are UCUM, and hex escapes read in the message's character set.

const ORU = 'examples/oru-r01-to-observations.crosswalk.json';
const ADT = 'examples/adt-a01-to-fhir.crosswalk.json';
let oru: CompiledBundle;
let adt: CompiledBundle;
const dir = mkdtempSync(join(tmpdir(), 'crosswalk-clinical-'));

beforeAll(async () => {
  [oru, adt] = await Promise.all([compiledExample(ORU), compiledExample(ADT)]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The NIST LRI CBC report (fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7) with OBX-5 (and OBX-6) of its first OBX set as a lab would send them. */
function cbc(results: Record<number, { value: string; units?: string }>): string {
  let text = readSample('fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7');
  for (const [n, { value, units }] of Object.entries(results)) text = withFields(text, 'OBX', Number(n), units === undefined ? { 5: value } : { 5: value, 6: units });
  return text;
}

/** The valueQuantity of each Observation that has one, as the output JSON text writes it. */
function quantities(text: string): string[] {
  return resources(outputOf(mapOne(oru, text)), 'Observation').flatMap((o) => (o.valueQuantity === undefined ? [] : [writeJson(o.valueQuantity)]));
}

/** Just the values of the Observations that have a valueQuantity, as written. */
function values(text: string): string[] {
  return resources(outputOf(mapOne(oru, text)), 'Observation').flatMap((o) => (o.valueQuantity === undefined ? [] : [writeJson((o.valueQuantity as { value: unknown }).value)]));
}

describe('FHIR decimals keep the precision sent (issue 10, item 4)', () => {
  const sent = () => cbc({ 1: { value: '4.410' }, 2: { value: '12.50' }, 3: { value: '0.040' }, 6: { value: '091.0' }, 8: { value: '+32.40' } });

  it('writes 4.410, 12.50, 0.040, 91.0 and 32.40 as sent (leading zeros and + dropped, as FHIR decimals require)', () => {
    expect(values(sent())).toEqual(['4.410', '12.50', '0.040', '105600', '210000', '91.0', '29', '32.40', '10.5', '0.1', '0.1', '3', '3', '2.1', '2', '41.2', '39', '58', '55']);
  });

  it('writes them the same in `crosswalk run` output, with one thread and with workers', async () => {
    const input = join(dir, 'cbc.hl7');
    writeFileSync(input, sent());
    for (const workers of [1, 2]) {
      const io = captureIo();
      expect(await runRun(ORU, [input], { workers }, io.io)).toBe(0);
      const line = io.out().trim();
      expect(line).toContain('"valueQuantity":{"value":12.50,');
      expect(line).toContain('"valueQuantity":{"value":0.040,');
      expect(line).toContain('"valueQuantity":{"value":91.0,');
      expect(JSON.parse(line)).toEqual(JSON.parse(writeJson(outputOf(mapOne(oru, sent())))));
    }
  });

  it('keeps them through a bundle test case: written, hashed and compared as text (`crosswalk test`)', async () => {
    const expected = outputOf(mapOne(oru, sent()));
    const { spec } = loadBundle(readFileSync(ORU, 'utf8'), ORU);
    const file = join(dir, 'cbc.crosswalk.json');
    const bundle = createBundle({ metadata: { name: 'CBC', version: '1.0.0' }, mapping: spec, tests: [{ name: 'CBC with trailing zeros', input: sent(), expected }] });
    const text = serializeBundle(bundle);
    expect(text).toContain('"value": 12.50,');
    writeFileSync(file, text);
    // Read back: the hash matches only if 12.50 is still 12.50, and the case passes.
    const passing = captureIo();
    expect(await runTest(file, passing.io)).toBe(0);
    expect(passing.out().trim().split('\n').pop()).toBe('1 passed, 0 failed');
    // An expected output that says 12.5 is another value: FHIR counts a decimal's precision.
    const loose = createBundle({ metadata: { name: 'CBC', version: '1.0.0' }, mapping: spec, tests: [{ name: 'CBC written through a JavaScript number', input: sent(), expected: JSON.parse(writeJson(expected)) as unknown }] });
    writeFileSync(file, serializeBundle(loose));
    const failing = captureIo();
    expect(await runTest(file, failing.io)).toBe(1);
    const hemoglobin = expected.entry.findIndex((e) => writeJson(e.resource.valueQuantity ?? null).startsWith('{"value":12.50,'));
    expect(failing.out()).toContain(`entry[${hemoglobin}].resource.valueQuantity.value\n    expected: 12.5\n    actual:   12.50\n`);
  });
});

describe('a JSON or CSV source\'s decimals keep the text sent: a home monitor\'s pulse 66.0 (issue 10, item 4; JSON sources)', () => {
  const samples = 'examples/samples/home-blood-pressure';
  /** The heart rate of the first reading, as the output JSON text writes it. */
  const heartRate = (compiled: CompiledBundle, text: string): string => writeJson(resources(outputOf(mapOne(compiled, text)), 'Observation').find((o) => (o.code as { text?: string }).text === 'Heart rate')?.valueQuantity);
  const quantity = (value: string) => `{"code":"/min","system":"http://unitsofmeasure.org","unit":"beats/minute","value":${value}}`;

  it('a JSON export: 66.0 stays 66.0, 66 stays 66', async () => {
    const bp = await compiledExample('examples/home-blood-pressure-to-fhir.crosswalk.json');
    const week = readFileSync(join(samples, 'week-mmhg.json'), 'utf8');
    expect(week).toContain('"pulse": 66,');
    expect(heartRate(bp, week)).toBe(quantity('66'));
    expect(heartRate(bp, week.replace('"pulse": 66,', '"pulse": 66.0,'))).toBe(quantity('66.0'));
  });

  it('a CSV export: the cell 66.0 stays 66.0', async () => {
    const csv = readFileSync(join(samples, 'week-mmhg.csv'), 'utf8');
    const spec = buildHomeBloodPressureCsv(csv);
    const compiled = await compile(loadBundleText(serializeBundle(createBundle({ metadata: { name: 'Home BP CSV', version: '1.0.0' }, mapping: spec })), 'home-bp.csv.crosswalk.json'), { validate: true });
    const [header, first] = csv.split('\n');
    expect(first).toContain(',66,mmHg,');
    expect(heartRate(compiled, `${header}\n${first.replace(',66,mmHg,', ',66.0,mmHg,')}\n`)).toBe(quantity('66.0'));
  });
});

describe('UCUM is case-sensitive: a unit is labelled UCUM only when it is UCUM as sent, or the legacy unit table maps it (issue 10, item 4)', () => {
  it('reads legacy upper-case codes as the UCUM they mean, keeps valid UCUM, and claims nothing for the rest', () => {
    const text = cbc({
      1: { value: '250', units: 'ML' },
      2: { value: '12.5', units: 'MG/DL^^ISO+' },
      3: { value: '41', units: 'G/L^grams per liter^ANSI' },
      4: { value: '7.2', units: 'mg/dL^milligrams per deciliter^UCUM' },
      5: { value: '18', units: 'mcg/dL^micrograms per deciliter^UCUM' },
      6: { value: '91', units: '10*9/L^^99LAB' },
      7: { value: '29', units: 'furlongs' },
    });
    expect(quantities(text).slice(0, 7)).toEqual([
      // ML is a megalitre in UCUM; a lab that sends it means millilitres.
      '{"value":250,"unit":"ML","code":"mL","system":"http://unitsofmeasure.org"}',
      '{"value":12.5,"unit":"MG/DL","code":"mg/dL","system":"http://unitsofmeasure.org"}',
      '{"value":41,"unit":"grams per liter","code":"g/L","system":"http://unitsofmeasure.org"}',
      '{"value":7.2,"unit":"milligrams per deciliter","code":"mg/dL","system":"http://unitsofmeasure.org"}',
      // Called UCUM, but mcg is not UCUM (ug is): the text stays, no system or code is claimed.
      '{"value":18,"unit":"micrograms per deciliter"}',
      '{"value":91,"unit":"10*9/L"}',
      '{"value":29,"unit":"furlongs"}',
    ]);
  });
});

describe('no time invented: a time without an offset takes MSH-7\'s, then the bundle default, else fails (issue 10, item 2)', () => {
  const toronto = () => readSample('lfh_ORU-multiline-short-mixed.hl7');
  const times = (text: string, compiled = oru): string[] => {
    const bundle = outputOf(mapOne(compiled, text));
    return [...resources(bundle, 'Observation'), ...resources(bundle, 'DiagnosticReport')].map((r) => r.effectiveDateTime as string);
  };

  it('a Toronto lab whose MSH-7 says -0400 gets -04:00 on OBX-14 and OBR-7, which carry no offset', () => {
    expect(times(withFields(toronto(), 'MSH', 1, { 7: '20200802124455-0400' }))).toEqual(Array(5).fill('2020-08-02T12:44:55-04:00'));
  });

  it('a field\'s own offset wins over MSH-7\'s', () => {
    const text = withFields(withFields(toronto(), 'MSH', 1, { 7: '20200802124455-0400' }), 'OBX', 2, { 14: '20200802124455+0100' });
    expect(times(text)).toEqual(['2020-08-02T12:44:55-04:00', '2020-08-02T12:44:55+01:00', '2020-08-02T12:44:55-04:00', '2020-08-02T12:44:55-04:00', '2020-08-02T12:44:55-04:00']);
  });

  it('with no offset anywhere, the bundle default (Z in the example) is taken, as the bundle says', () => {
    expect(times(toronto())).toEqual(Array(5).fill('2020-08-02T12:44:55Z'));
  });

  it('with no default either, the message fails with DATE_NO_TIMEZONE naming the field and the map', async () => {
    const { spec } = loadBundle(readFileSync(ORU, 'utf8'), ORU);
    const file = join(dir, 'no-default.crosswalk.json');
    writeFileSync(file, serializeBundle(createBundle({ metadata: { name: 'no default timezone', version: '1.0.0' }, mapping: { ...spec, settings: {} }, tests: [] })));
    const result = mapOne(await compiledExample(file), toronto());
    expect(result.ok ? undefined : result.error).toEqual({
      code: 'DATE_NO_TIMEZONE',
      message: 'The time has no timezone, nor has MSH-7, and the mapping sets no default timezone; FHIR needs one (set the default timezone, or let this function keep only the date).',
      where: { map: 'DTM[dateTime]', node: 'dateTime', path: 'OBX-14' },
    });
  });

  /** fhirconverter_ADT01-23.hl7 (MSH-7 20050110045504+0700) with the birth date and time of a newborn. */
  const newborn = (birth: string) => {
    const patient = resources(outputOf(mapOne(adt, withFields(readSample('fhirconverter_ADT01-23.hl7'), 'PID', 1, { 7: birth }))), 'Patient')[0];
    return writeJson({ birthDate: patient.birthDate, _birthDate: patient._birthDate });
  };

  it('a newborn born at 23:30 local time keeps that time and day: the sender\'s offset, not Z', () => {
    expect(newborn('200501092330')).toBe('{"birthDate":"2005-01-09","_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"2005-01-09T23:30:00+07:00"}]}}');
  });

  it('partial dates stay partial: 2005, 200501, 20050109', () => {
    expect(['2005', '200501', '20050109'].map(newborn)).toEqual(['{"birthDate":"2005"}', '{"birthDate":"2005-01"}', '{"birthDate":"2005-01-09"}']);
  });

  it('on every reference sample the examples map, each time with a clock carries its own offset or MSH-7\'s, and the default only where MSH-7 has none', () => {
    const checked: Record<string, number> = {};
    for (const sample of sampleFiles()) {
      const text = readSample(sample);
      const sent = /^\uFEFF?MSH\|[^|]*\|(?:[^|]*\|){4}([^|\r\n]*)/.exec(text)?.[1] ?? '';
      const mshOffset = /[+-]\d{4}$/.exec(sent.split('^')[0])?.[0];
      for (const [name, compiled] of [['ADT', adt], ['ORU', oru]] as const) {
        const result = mapOne(compiled, text);
        if (!result.ok) continue;
        for (const time of clockTimes(result.output)) {
          const zone = time.endsWith('Z') ? '+0000' : time.slice(-6).replace(':', '');
          // Its own offset is in the message text; MSH-7's is the message's; Z is the bundle default, only without MSH-7's.
          if (time.endsWith('Z') && mshOffset === undefined) continue;
          expect([sample, time, text.includes(zone)]).toEqual([sample, time, true]);
          expect([sample, time, time.endsWith('Z')]).toEqual([sample, time, false]);
        }
        checked[`${name} ${sample}`] = clockTimes(result.output).length;
      }
    }
    expect(checked).toEqual({
      // OBX-14, PV1-44 and PID-29; DG1-5, DG1-19 (recordedDate and assertedDate) and PR1-5.
      'ADT fhirconverter_ADT-A01-01.hl7': 7,
      'ADT fhirconverter_ADT01-23.hl7': 1,
      'ORU fhirconverter_LAB-ORU-1.hl7': 10,
      'ORU fhirconverter_LRI_2.0-NG_CBC_Typ_Message.hl7': 31,
      'ORU fhirconverter_ORU-R01-01.hl7': 10,
      'ORU fhirconverter_ORU-R01-RMGEAD.hl7': 2,
      'ORU lfh_ORU-multiline-short-mixed.hl7': 5,
    });
  });
});

/** Every dateTime or instant in a document that has a time of day. */
function clockTimes(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) clockTimes(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) clockTimes(item, out);
  return out;
}

describe('hex escapes read in the character set MSH-18 declares (issue 10, item 6)', () => {
  /** fhirconverter_ADT01-23.hl7 with MSH-18 and PID-5 (the patient's name) as given. */
  const named = (charset: string, name: string) => withFields(withFields(readSample('fhirconverter_ADT01-23.hl7'), 'MSH', 1, { 18: charset }), 'PID', 1, { 5: name });
  const nameOf = (text: string) => writeJson(resources(outputOf(mapOne(adt, text)), 'Patient')[0].name);

  it('decodes a name in 8859/1 (one byte a letter), UTF-8 (two) and ASCII', () => {
    expect(nameOf(named('8859/1', 'M\\XDC\\LLER^J\\XC9\\R\\XD4\\ME^D'))).toBe('[{"given":["JÉRÔME","D"],"family":"MÜLLER"}]');
    expect(nameOf(named('UNICODE UTF-8', 'M\\XC3BC\\ller^Zo\\XC3AB\\'))).toBe('[{"given":["Zoë"],"family":"Müller"}]');
    expect(nameOf(named('', 'M\\XC3BC\\ller^Zo\\XC3AB\\'))).toBe('[{"given":["Zoë"],"family":"Müller"}]');
    expect(nameOf(named('ASCII', 'O\\X27\\BRIEN^MARY'))).toBe('[{"given":["MARY"],"family":"O\'BRIEN"}]');
  });

  it('reads a file of 8859/1 bytes with both a raw é and an escaped one the same way (`crosswalk run`)', async () => {
    const input = join(dir, 'latin1.hl7');
    writeFileSync(input, Buffer.from(named('8859/1', 'Ren\u00e9e^Andr\\XE9\\'), 'latin1'));
    const io = captureIo();
    expect(await runRun(ADT, [input], {}, io.io)).toBe(0);
    expect(io.out()).toContain('"name":[{"given":["André"],"family":"Renée"}]');
  });

  it('refuses bytes that are not valid in the declared set, naming where, quoting nothing', () => {
    const utf8 = mapOne(adt, named('UNICODE UTF-8', 'M\\XFC\\LLER'));
    expect(utf8.ok ? undefined : utf8.error).toEqual({
      code: 'HL7_HEX_INVALID',
      message: 'A hex escape (\\X..\\) holds bytes that are not valid UTF-8, the character set of the message (MSH-18).',
      where: { message: 1, segment: 3, segmentId: 'PID', field: 5, line: 3, offset: 116 },
    });
    const ascii = mapOne(adt, named('ASCII', 'M\\XFC\\LLER'));
    expect(ascii.ok ? undefined : ascii.error.message).toBe('A hex escape (\\X..\\) holds bytes that are not valid ASCII, the character set of the message (MSH-18).');
    const other = mapOne(adt, named('8859/2', 'M\\XFC\\LLER'));
    expect(other.ok ? undefined : [other.error.code, other.error.message]).toEqual(['HL7_HEX_CHARSET', 'A hex escape (\\X..\\) cannot be read in the character set MSH-18 declares (8859/2): hex data is read in ASCII, 8859/1 and UTF-8 only.']);
  });
});
