import { describe, expect, it } from 'vitest';
import { docsExampleSpec } from '../../../shared/node/fixtures/referenceFixtures';
import { findMap } from '../../../shared/common/mapping/spec/MappingSpec';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import type { FunctionInfo } from '../../../shared/common/studio/StudioApi';
import { newNodeFromPalette, paletteEntries, paletteTestId } from './paletteItems';

const spec = parseSpec(docsExampleSpec());
const concat = { id: 'string.concat', category: 'string', label: 'Concatenate', description: 'Joins texts.', inputs: [], output: { type: 'string', description: '' }, params: [], examples: [] } as unknown as FunctionInfo;
const functions = new Map([[concat.id, concat]]);

describe('palette entries, from the node kinds', () => {
  it('offers every kind, and the maps that can be applied here', () => {
    const ids = paletteEntries(spec, 'CX[Identifier]', [concat], functions).map(paletteTestId);
    expect(ids).toEqual([
      'palette-function-string.concat',
      'palette-valueMap-new', 'palette-valueMap-administrative-gender', 'palette-valueMap-observation-status',
      'palette-constant', 'palette-condition',
      'palette-reference-patient', 'palette-reference-obs',
      // Not CX[Identifier] itself, nor PID[Patient] (it calls CX[Identifier]: a cycle), nor a message map.
      'palette-call-OBX[Observation]',
      'palette-note',
    ]);
  });

  it('makes a map call where a map is dropped', () => {
    const entry = paletteEntries(spec, 'ADT_A01', [], new Map()).find((e) => e.kind === 'call' && e.key === 'CX[Identifier]')!;
    const { spec: next, nodeId } = newNodeFromPalette(spec, 'ADT_A01', entry, { x: 100.4, y: 50.6 }, new Map());
    expect(findMap(next, 'ADT_A01')!.nodes.find((n) => n.id === nodeId)).toEqual({ id: 'cx-identifier-1', kind: 'call', map: 'CX[Identifier]' });
    expect(next.layout?.maps.ADT_A01.nodes).toEqual([{ id: 'cx-identifier-1', x: 100, y: 51 }]);
  });

  it('makes a new value map with a new value-map node', () => {
    const entry = paletteEntries(spec, 'ADT_A01', [], new Map()).find((e) => e.kind === 'valueMap' && e.key === 'new')!;
    const made = newNodeFromPalette(spec, 'ADT_A01', entry, { x: 0, y: 0 }, new Map());
    expect(made.editValueMap).toBe('valuemap-1');
    expect(made.spec.valueMaps.map((m) => m.id)).toEqual(['administrative-gender', 'observation-status', 'valuemap-1']);
  });
});
