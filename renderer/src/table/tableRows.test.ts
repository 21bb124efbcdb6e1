import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../shared/common/bundle/loadBundle';
import { mappingRows } from '../../../shared/common/mapping/read/mappingRows';
import { specPortEnv } from '../../../shared/common/mapping/read/specPortEnv';
import { cellText, tableRows, type TableQuery } from './tableRows';

// The shipped ADT example, read by the one row model (as the table view does in the renderer).
const spec = loadBundle(readFileSync(resolve(process.cwd(), 'examples/adt-a01-to-fhir.crosswalk.json'), 'utf8')).content.mapping;
const maps = mappingRows(spec, specPortEnv(spec));
const all: TableQuery = { search: '', map: '', only: '' };

describe('the table view\'s rows', () => {
  it('are every row of every map, in the model\'s order, when nothing filters them', () => {
    const rows = tableRows(maps, all);
    expect(rows.length).toBe(maps.reduce((n, m) => n + m.rows.length, 0));
    expect(rows[0]).toBe(maps[0].rows[0]);
  });

  it('filter by map and by words found in any cell', () => {
    const gender = tableRows(maps, { ...all, search: 'gender pid-8' });
    expect(gender.map((r) => r.id)).toEqual(['PID[Patient]/l-gender']);
    expect(cellText(gender[0], 'valueMap')).toBe('v2-0001-gender');
    expect(cellText(gender[0], 'sources')).toBe('PID-8');
    const pv1 = tableRows(maps, { ...all, map: 'PV1[Encounter]' });
    expect(new Set(pv1.map((r) => r.map))).toEqual(new Set(['PV1[Encounter]']));
    expect(pv1.map((r) => r.targetPath)).toContain('Encounter.class');
  });

  it('keep only editable rows, or rows with a value map or a condition', () => {
    const editable = tableRows(maps, { ...all, only: 'editable' });
    expect(editable.length).toBeGreaterThan(0);
    expect(editable.every((r) => r.edits?.source ?? r.edits?.valueMap ?? r.edits?.constant)).toBe(true);
    expect(tableRows(maps, { ...all, only: 'valueMap' }).every((r) => r.valueMaps.length > 0)).toBe(true);
    expect(tableRows(maps, { ...all, only: 'condition' }).every((r) => r.conditions.length > 0)).toBe(true);
  });

  it('sort by a column, stably, either way', () => {
    const q: TableQuery = { ...all, map: 'PID[Patient]', sort: { column: 'target', descending: false } };
    const up = tableRows(maps, q).map((r) => cellText(r, 'target'));
    expect(up).toEqual([...up].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    const down = tableRows(maps, { ...q, sort: { column: 'target', descending: true } }).map((r) => cellText(r, 'target'));
    expect(down[0]).toBe(up[up.length - 1]);
    expect(down[down.length - 1]).toBe(up[0]);
  });
});
