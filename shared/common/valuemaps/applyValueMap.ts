import { CrosswalkError, type ErrorLocation } from '../errors/CrosswalkError';
import type { ValueMap, ValueMapEntry } from './ValueMap';

export interface MappedCoding {
  system?: string;
  code: string;
  display?: string;
}

/** The result of one lookup, with what produced it so the trace can show the entry used. */
export interface ValueMapResult {
  /** undefined when nothing is emitted (absent input, or the `empty` policy). */
  coding: MappedCoding | undefined;
  outcome: 'mapped' | 'default' | 'passthrough' | 'empty' | 'absent';
  /** The table entry used (outcome `mapped`), and its 0-based index in `entries`. */
  entry?: ValueMapEntry;
  entryIndex?: number;
}

/** A value map prepared once (a hash lookup per call): the engine compiles, then applies per message. */
export interface CompiledValueMap {
  readonly map: ValueMap;
  apply(code: string | undefined | null, where?: ErrorLocation): ValueMapResult;
}

const ABSENT: ValueMapResult = Object.freeze({ coding: undefined, outcome: 'absent' }) as ValueMapResult;
const EMPTY: ValueMapResult = Object.freeze({ coding: undefined, outcome: 'empty' }) as ValueMapResult;

export function compileValueMap(map: ValueMap): CompiledValueMap {
  // A Map, not an object: a source code "__proto__" or "constructor" is just a key here.
  const results = new Map<string, ValueMapResult>();
  map.entries.forEach((entry, index) => {
    if (results.has(entry.source)) return; // first entry wins; the schema reports duplicates
    const coding: MappedCoding = { code: entry.target };
    const system = entry.system ?? map.targetSystem;
    if (system !== undefined) coding.system = system;
    if (entry.display !== undefined) coding.display = entry.display;
    results.set(entry.source, Object.freeze({ coding: Object.freeze(coding), outcome: 'mapped', entry, entryIndex: index }) as ValueMapResult);
  });

  const policy = map.unmapped;
  let defaultResult: ValueMapResult | undefined;
  if (policy.kind === 'default') {
    const coding: MappedCoding = { code: policy.code };
    const system = policy.system ?? map.targetSystem;
    if (system !== undefined) coding.system = system;
    if (policy.display !== undefined) coding.display = policy.display;
    defaultResult = Object.freeze({ coding: Object.freeze(coding), outcome: 'default' }) as ValueMapResult;
  }

  return {
    map,
    apply(code, where = {}) {
      if (code === undefined || code === null || code === '') return ABSENT;
      const hit = results.get(code);
      if (hit !== undefined) return hit;
      switch (policy.kind) {
        case 'default': return defaultResult as ValueMapResult;
        case 'empty': return EMPTY;
        case 'passthrough': {
          const coding: MappedCoding = { code };
          if (map.targetSystem !== undefined) coding.system = map.targetSystem;
          return { coding, outcome: 'passthrough' };
        }
        case 'error':
          // The code may be anything the message holds (a name, when the map is fed from one): detail only.
          throw new CrosswalkError('VALUEMAP_UNMAPPED', `Value map "${map.name}" has no entry for the code it was given, and its policy for unmapped codes is error.`, where, code);
      }
    },
  };
}

/** One-off lookup; for repeated use compile once with compileValueMap. */
export function applyValueMap(map: ValueMap, code: string | undefined | null, where?: ErrorLocation): ValueMapResult {
  return compileValueMap(map).apply(code, where);
}
