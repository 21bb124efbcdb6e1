// What the studio computes for its coverage marks and its table view, on the shipped ADT example:
// the table's rows (renderer, on every edit of the mapping, then filtered per keystroke in its
// search) and coverage over the example's four samples (host, debounced after an edit).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { BenchSection, BenchTable } from '../BenchSection';
import { measure } from '../measure';
import { loadBundle } from '../../shared/common/bundle/loadBundle';
import { computeCoverage } from '../../shared/common/coverage/computeCoverage';
import { mappingRows } from '../../shared/common/mapping/read/mappingRows';
import { specPortEnv } from '../../shared/common/mapping/read/specPortEnv';
import { nodeSchemaCatalog } from '../../shared/node/schema';
import { tableRows } from '../../renderer/src/table/tableRows';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const section: BenchSection = {
  name: 'studio views',
  async run(): Promise<BenchTable[]> {
    const content = loadBundle(readFileSync(resolve(root, 'examples/adt-a01-to-fhir.crosswalk.json'), 'utf8')).content;
    const spec = content.mapping;
    const samples = content.tests.map((t) => ({ name: t.name, text: t.input }));
    const catalog = nodeSchemaCatalog();

    const rows = measure(() => mappingRows(spec, specPortEnv(spec)).reduce((n, m) => n + m.rows.length, 0));
    const maps = mappingRows(spec, specPortEnv(spec));
    const search = measure(() => tableRows(maps, { search: 'telecom use', map: '', only: '', sort: { column: 'target', descending: false } }).length);

    const first = performance.now();
    await computeCoverage(spec, catalog, samples);
    const firstMs = performance.now() - first;
    const times: number[] = [];
    let figure = '';
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      const result = await computeCoverage(spec, catalog, samples);
      times.push(performance.now() - t);
      figure = `${result.figure.used} of ${result.figure.valued}`;
    }
    const coverageMs = [...times].sort((a, b) => a - b)[times.length >> 1];
    return [{
      title: 'Studio views on the ADT example',
      columns: ['work', 'median ms', 'result'],
      rows: [
        ['table rows: mappingRows of every map (on each edit)', rows.medianMs.toFixed(2), `${String(rows.result)} rows`],
        ['table filter + sort: tableRows (per keystroke in its search)', search.medianMs.toFixed(3), `${String(search.result)} rows`],
        ['coverage: computeCoverage over 4 samples (first, compiles)', firstMs.toFixed(1), ''],
        ['coverage: computeCoverage over 4 samples (again)', coverageMs.toFixed(1), figure],
      ],
      notes: ['Coverage runs on the host, 600 ms after the last edit; the table rows run in the renderer, memoized per mapping.'],
    }];
  },
};

export default section;
