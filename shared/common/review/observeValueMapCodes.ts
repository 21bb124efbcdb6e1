import { parseHl7Batch, type Hl7Message } from '../hl7v2';
import { compileWithCatalog } from '../mapping/compile/compileWithCatalog';
import { mapMessage } from '../mapping/execute/mapMessage';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';

/** Where a text came from: the studio's sample messages, or the bundle's test cases. */
export type ObservedSource = 'samples' | 'tests';

/** Codes each value map was asked for, by value-map id, then code, with how often. */
export type ObservedCodes = Record<ObservedSource, Map<string, Map<string, number>>>;

/**
 * Runs the mapping on sample and test messages and records every code each value map is asked
 * for, through every map and data type map that looks one up (the engine tells of each lookup,
 * mapped or not, even when the message then fails). A text may hold several messages (a batch);
 * one that does not parse adds nothing. A message already decoded (the CLI reads files by MSH-18
 * character set) is given as is.
 */
export async function observeValueMapCodes(
  spec: MappingSpec,
  catalog: SchemaCatalog,
  inputs: readonly { source: ObservedSource; text: string | Hl7Message }[],
): Promise<ObservedCodes> {
  const observed: ObservedCodes = { samples: new Map(), tests: new Map() };
  let current = observed.samples;
  const compiled = await compileWithCatalog(spec, catalog, {
    onValueMapLookup: (valueMapId, code) => {
      const codes = current.get(valueMapId) ?? new Map<string, number>();
      codes.set(code, (codes.get(code) ?? 0) + 1);
      current.set(valueMapId, codes);
    },
  });
  for (const input of inputs) {
    current = observed[input.source];
    if (typeof input.text !== 'string') { mapMessage(compiled, input.text); continue; }
    for (const item of parseHl7Batch(input.text)) {
      if (item.error === undefined) mapMessage(compiled, item.message);
    }
  }
  return observed;
}
