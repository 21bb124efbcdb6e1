import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadBundle, testInputLines } from '../../../shared/common/bundle/index';
import type { FhirValidator } from '../../../shared/common/fhir/index';
import { parseHl7 } from '../../../shared/common/hl7v2/index';
import type { MappingPlan } from '../../../shared/common/mapping/index';
import { adtA01ToFhir } from '../../../bench/handwritten/adtA01ToFhir';
import { engineIds } from '../../../bench/handwritten/engineIds';
import { buildExampleBundle, runExample, testInputs } from '../../../examples/src/buildExampleBundle';
import { examples } from '../../../examples/src/examples';
import { prepareExample, readSample } from './exampleFixture';

const root = process.cwd();

describe.each(examples.map((e) => [e.file, e] as const))('%s', (file, example) => {
  const text = readFileSync(path.join(root, file), 'utf8');
  let plan: MappingPlan;
  let validator: FhirValidator;

  beforeAll(async () => ({ plan, validator } = await prepareExample(example)));

  test('loads: known format, valid spec, hash matches its content', () => {
    const loaded = loadBundle(text, file);
    expect(loaded.bundle.metadata.name).toBe(example.metadata.name);
    expect(loaded.bundle.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loaded.bundle.tests.map((t) => t.name)).toEqual(example.tests.map((t) => t.name));
  });

  test('is current: rebuilding it from examples/src gives the committed bytes (node --import tsx examples/src/writeExamples.ts)', () => {
    const rebuilt = buildExampleBundle(example, testInputs(example, readSample), plan, loadBundle(text, file).content.tests, false);
    expect(rebuilt).toBe(text);
  });

  test('a changed byte breaks the hash', () => {
    const tampered = text.replace('"version": "1.0.0"', '"version": "1.0.1"');
    expect(tampered).not.toBe(text);
    expect(() => loadBundle(tampered, file)).toThrow(expect.objectContaining({ code: 'BUNDLE_HASH_MISMATCH' }));
  });

  test('embeds exactly the test inputs it needs, from the real samples', () => {
    const { bundle, content } = loadBundle(text, file);
    // In the file one line per segment; the engine reads the segments joined by CR (a BOM and line ends are not content).
    expect(bundle.tests.map((t) => t.input)).toEqual(testInputs(example, readSample).map(testInputLines));
    expect(content.tests.map((t) => t.input)).toEqual(testInputs(example, readSample).map((i) => testInputLines(i).join('\r')));
  });

  test.each(example.tests.map((t, i) => [t.name, i] as const))('test case passes on the engine: %s', (_name, i) => {
    const testCase = loadBundle(text, file).content.tests[i];
    const result = runExample(plan, testCase.input);
    if (testCase.expectedError !== undefined) {
      expect(result.error).toBe(testCase.expectedError);
    } else {
      expect(result.error).toBeUndefined();
      expect(result.output).toEqual(testCase.expected);
      expect(validator.validate(result.output).filter((issue) => issue.severity === 'error')).toEqual([]);
    }
  });

  if (file === 'examples/adt-a01-to-fhir.crosswalk.json') {
    test.each(example.tests.filter((t) => t.expectedError === undefined).map((t) => [t.name, t] as const))(
      'expected output equals the hand-written mapper (an independent implementation): %s',
      (_name, t) => {
        const input = t.adapt ? t.adapt(readSample(t.sample)) : readSample(t.sample);
        const expected = loadBundle(text, file).content.tests.find((c) => c.name === t.name)?.expected;
        const message = parseHl7(input);
        const handwritten = adtA01ToFhir(message, { ids: engineIds(message), defaultTimezone: 'Z' });
        expect(handwritten).toEqual(expected);
      },
    );
  }
});
