/**
 * `npm run bench [-- filter]`: runs every module in bench/sections/ in file-name order (or those
 * whose file name contains the filter) and prints a table per section. Not a test: numbers vary
 * by machine and load; read them side by side within one run.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import os from 'node:os';
import type { BenchSection, BenchTable } from './BenchSection';
import { canCollectGarbage } from './measure';

const sectionsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'sections');
const filter = process.argv[2];

function printTable(table: BenchTable): void {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n## ${table.title}\n`);
  console.log(line(table.columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
  if (table.notes?.length) console.log('\n' + table.notes.join('\n'));
}

const files = readdirSync(sectionsDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .filter((name) => filter === undefined || name.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`bench: no section in ${sectionsDir}${filter ? ` matches "${filter}"` : ''}`);
  process.exit(2);
}
console.log(`Crosswalk benchmarks — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(2)}${canCollectGarbage ? '' : ' (run with --expose-gc for steadier numbers)'}`);
for (const file of files) {
  const module = (await import(pathToFileURL(join(sectionsDir, file)).href)) as { default?: BenchSection };
  const section = module.default;
  if (section === undefined) {
    console.error(`bench: ${file} has no default export (a BenchSection)`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n# ${section.name} (${file})`);
  for (const table of await section.run()) printTable(table);
}
