import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSchemaCatalog } from '../../../shared/node/schema';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import { buildParentIndex, flattenTree, nearestVisible, parentByGrammar } from './flattenTree';

let adt: SchemaTreeNode;

beforeAll(async () => {
  adt = (await nodeSchemaCatalog().tree({ standard: 'hl7v2', version: '2.5.1', structure: 'ADT_A01' })) as unknown as SchemaTreeNode;
});

describe('flattenTree on the real ADT_A01 v2.5.1 structure', () => {
  it('shows the open root and its segments and groups when nothing is expanded', () => {
    const rows = flattenTree([adt], new Set(), '');
    expect(rows[0].node.path).toBe('ADT_A01');
    expect(rows.slice(1, 5).map((r) => r.node.path)).toEqual(['MSH', 'SFT', 'EVN', 'PID']);
    expect(rows.every((r) => r.depth <= 1)).toBe(true);
  });

  it('reveals PID-8 once PID is expanded, right after PID-7', () => {
    const rows = flattenTree([adt], new Set(['PID']), '');
    const paths = rows.map((r) => r.node.path);
    expect(paths.indexOf('PID-8')).toBe(paths.indexOf('PID-7') + 1);
    expect(rows.find((r) => r.node.path === 'PID-8')?.depth).toBe(2);
    expect(paths).not.toContain('PID-5.1');
  });

  it('search shows matches with their ancestors opened, and nothing else', () => {
    const rows = flattenTree([adt], new Set(), 'administrative sex');
    const paths = rows.map((r) => r.node.path);
    expect(paths).toContain('PID-8');
    expect(paths).toContain('PID');
    expect(rows.find((r) => r.node.path === 'PID-8')?.match).toBe(true);
    expect(rows.find((r) => r.node.path === 'PID')?.match).toBe(false);
    expect(paths).not.toContain('MSH');
  });

  it('attaches a collapsed field to its nearest visible ancestor', () => {
    const rows = flattenTree([adt], new Set(), '');
    const index = new Map(rows.map((r, i) => [r.node.path, i]));
    const parents = buildParentIndex([adt]);
    expect(nearestVisible('PID-5.1.1', index, parents)).toBe('PID');
    const open = flattenTree([adt], new Set(['PID']), '');
    expect(nearestVisible('PID-5.1.1', new Map(open.map((r, i) => [r.node.path, i])), parents)).toBe('PID-5');
  });
});

describe('parentByGrammar', () => {
  it.each([
    // A link given one repetition (a map call on PID-3[1]) draws to the field's own row.
    ['PID-3[2].4.2', 'PID-3.4.2'],
    ['PID-3[1]', 'PID-3'],
    ['OBX[1]', 'OBX'],
    ['PID-3.4.2', 'PID-3.4'],
    ['PID-5.1', 'PID-5'],
    ['PID-8', 'PID'],
    ['Patient.name.family', 'Patient.name'],
    ['Patient', undefined],
    // JSON, as the inferred tree names rows (every item, no [n]).
    ['$.readings[0].unit', '$.readings.unit'],
    ['$.readings.unit', '$.readings'],
    ['$["first name"]', '$'],
    ['$', undefined],
  ])('%s → %s', (path, parent) => {
    expect(parentByGrammar(path)).toBe(parent);
  });
});
