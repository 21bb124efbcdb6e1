import { describe, expect, it } from 'vitest';
import { docsExampleSpec } from '../../../shared/node/fixtures/referenceFixtures';
import { parseSpec } from '../../../shared/common/mapping/spec/parseSpec';
import { callChain, callersOf, trailTo } from './mapTrail';

const spec = parseSpec(docsExampleSpec());

describe('map trails', () => {
  it('finds the chain of calls from one map to another', () => {
    expect(callChain(spec, 'ADT_A01', 'CX[Identifier]')).toEqual(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
    expect(callChain(spec, 'CX[Identifier]', 'ADT_A01')).toBeUndefined();
    expect(callChain(spec, 'OBX[Observation]', 'OBX[Observation]')).toEqual(['OBX[Observation]']);
  });

  it('goes back along the trail, else follows the calls from the entry map', () => {
    expect(trailTo(spec, ['ADT_A01', 'PID[Patient]', 'CX[Identifier]'], 'PID[Patient]')).toEqual(['ADT_A01', 'PID[Patient]']);
    expect(trailTo(spec, ['ADT_A01'], 'CX[Identifier]')).toEqual(['ADT_A01', 'PID[Patient]', 'CX[Identifier]']);
    const orphan = parseSpec({ ...spec, maps: [...spec.maps, { ...spec.maps[2], id: 'CX[Identifier-2]' }] });
    expect(trailTo(orphan, ['ADT_A01'], 'CX[Identifier-2]')).toEqual(['CX[Identifier-2]']);
  });

  it('lists where a map is called', () => {
    expect(callersOf(spec, 'CX[Identifier]')).toEqual([{ map: 'PID[Patient]', node: 'ids' }]);
  });
});
