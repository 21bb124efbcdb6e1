/**
 * Starting a mapping from the HL7 v2-to-FHIR IG: importIgMessage per message map (the first call
 * in the process, then the median of warm calls, the schema catalog and the IG tables loaded), all
 * 13 message maps one after the other, and the whole `crosswalk new --from-ig` command.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchSection, BenchTable } from '../BenchSection';
import { median } from '../measure';
import { importIgMessage } from '../../shared/common/ig/importIgMessage';
import { nodeIgTables } from '../../shared/node/ig/nodeIgTables';
import { nodeSchemaCatalog } from '../../shared/node/schema/index';

const WARM = 5;
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const section: BenchSection = {
  name: 'Start from the HL7 v2-to-FHIR IG',
  async run(): Promise<BenchTable[]> {
    if (!existsSync(resolve(root, 'generated/ig/v2-to-fhir-ig.json'))) {
      return [{ title: 'IG import', columns: ['note'], rows: [['generated/ig/ is missing; run npm run build first']] }];
    }
    const started = performance.now();
    const tables = await nodeIgTables();
    const tablesMs = performance.now() - started;
    const catalog = nodeSchemaCatalog();
    const rows: (string | number)[][] = [['read generated/ig/v2-to-fhir-ig.json', tablesMs.toFixed(0), '', '']];
    for (const message of ['VXU_V04', 'ORU_R01', 'ADT_A01']) {
      const times: number[] = [];
      let maps = 0;
      for (let i = 0; i <= WARM; i++) {
        const t = performance.now();
        maps = (await importIgMessage(message, tables, catalog)).spec.maps.length;
        times.push(performance.now() - t);
      }
      rows.push([`importIgMessage ${message}`, times[0].toFixed(0), median(times.slice(1)).toFixed(0), maps]);
    }
    const all = performance.now();
    for (const { name } of tables.messages) await importIgMessage(name, tables, catalog);
    rows.push(['all 13 message maps, one after the other', '', (performance.now() - all).toFixed(0), '']);
    const notes = [`ms; warm: median of ${WARM} calls after the first (catalog and tables loaded).`];
    if (existsSync(resolve(root, 'dist/runtime/cli.js'))) {
      const dir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-ig-'));
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        execFileSync('node', ['bin/crosswalk.js', 'new', '--from-ig', 'VXU_V04', '--out', join(dir, `vxu-${i}.crosswalk.json`)], { cwd: root });
        times.push(performance.now() - t);
      }
      rmSync(dir, { recursive: true, force: true });
      rows.push(['process: crosswalk new --from-ig VXU_V04 --out …', median(times).toFixed(0), '', '']);
      notes.push('process row: the whole command, Node start-up and the bundle written included (median of 3).');
    }
    return [{ title: 'IG import', columns: ['what', 'first', 'warm', 'maps'], rows, notes }];
  },
};

export default section;
