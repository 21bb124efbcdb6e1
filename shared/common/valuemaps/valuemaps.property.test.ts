import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrosswalkError } from '../errors/CrosswalkError';
import { exportConceptMap, importConceptMap, valueMapEntriesFromCsv, valueMapToCsv, type ValueMap } from './index';

const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '\n', '\r', '\t', 'é', '^', '|', '_') , minLength: 1, maxLength: 12 });
const code = text.filter((t) => t.length > 0);
const entries = fc.uniqueArray(
  fc.record({ source: code, target: code, display: fc.option(text, { nil: undefined }), comment: fc.option(text, { nil: undefined }) }, { requiredKeys: ['source', 'target'] }),
  { selector: (e) => e.source, maxLength: 15 },
).map((list) => list.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as ValueMap['entries'][number]));

const mapOf = (list: ValueMap['entries']): ValueMap => ({ id: 'm', name: 'Map', sourceSystem: 'urn:a', targetSystem: 'urn:b', entries: list, unmapped: { kind: 'passthrough' } });

describe('value map round trips (property)', () => {
  it('CSV export then import gives the same entries, whatever the text holds', () => {
    fc.assert(fc.property(entries, (list) => {
      expect(valueMapEntriesFromCsv(valueMapToCsv(mapOf(list)))).toEqual(list);
    }), { numRuns: 300 });
  });
  it('ConceptMap export then import gives the same map', () => {
    fc.assert(fc.property(entries, (list) => {
      const map = mapOf(list);
      expect(importConceptMap(exportConceptMap(map), { id: 'm' })).toEqual(map);
    }), { numRuns: 300 });
  });
  it('bad CSV and bad ConceptMaps give a CrosswalkError, never a crash', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.anything({ maxDepth: 4 }), (csv, anything) => {
      for (const attempt of [() => valueMapEntriesFromCsv(csv), () => importConceptMap(anything), () => importConceptMap({ resourceType: 'ConceptMap', group: [anything] })]) {
        try { attempt(); } catch (error) { expect(error).toBeInstanceOf(CrosswalkError); }
      }
    }), { numRuns: 300 });
  });
});
