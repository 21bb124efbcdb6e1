import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { functionDefinitions } from './index';

/**
 * Whatever a message holds, a function either returns or throws a CrosswalkError: never a
 * TypeError that would take a batch down. Inputs are arbitrary JSON-like values and the shapes
 * the engine passes (strings, component arrays with subcomponents, nulls).
 */
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.constant(undefined), fc.constant(null), fc.constantFrom('', '""', '20230230', '200611200830+0215', '065.88', 'lb', '^', '__proto__'));
const component = fc.oneof(leaf, fc.array(leaf, { maxLength: 4 }));
const composite = fc.oneof(component, fc.array(component, { maxLength: 20 }), fc.dictionary(fc.constantFrom('1', '2', '3', '4', '5', '__proto__'), component));
const anyInput = fc.oneof(composite, fc.anything({ maxDepth: 2 }), fc.double(), fc.boolean());

describe('functions never crash on any input', () => {
  test.each(functionDefinitions.map((d) => [d.id, d] as const))('%s', (_id, definition) => {
    const params = definition.examples.find((e) => e.params !== undefined)?.params ?? {};
    const inputsArb = fc.record(Object.fromEntries(definition.inputs.map((port) => [port.name, port.many ? fc.array(anyInput, { maxLength: 4 }) : anyInput])));
    fc.assert(
      fc.property(inputsArb, fc.constantFrom({}, { defaultTimezone: '+01:00' }), (inputs, context) => {
        try {
          const out = definition.apply(inputs, params, context);
          // Functions that build values return plain objects; logic functions pass their input through as it is.
          if (definition.output.type !== 'any' && out !== null && typeof out === 'object') expect(Object.getPrototypeOf(out) === Object.prototype || Array.isArray(out)).toBe(true);
        } catch (error) {
          if (!(error instanceof CrosswalkError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
