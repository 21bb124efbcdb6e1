import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compactIgTables } from '../../common/ig/compactIgTables';
import { IG_TABLES_FORMAT } from '../../common/ig/IgTables';
import { readIgTableFiles } from './readIgTableFiles';

/** Where the tables come from, as the compact file and the importer's results say it. */
export const IG_TABLES_SOURCE = 'HL7/v2-to-fhir, mappings/ at commit 8c9b414b (October 2025), CC0-1.0';

/** The compact file, relative to the checkout or install root. */
export const IG_TABLES_FILE = join('generated', 'ig', 'v2-to-fhir-ig.json');

/**
 * Builds generated/ig/v2-to-fhir-ig.json from data/v2-to-fhir-ig/ (the build step
 * scripts/build/15-ig-tables.mjs runs this). Skipped when the stamp (format, this builder's code,
 * every table's text) is unchanged; written beside the target and renamed into place, so a failed
 * build never leaves half a file.
 */
export function buildIgTables(root: string, builderCode: string): { written: boolean; tables: number } {
  const files = readIgTableFiles(join(root, 'data', 'v2-to-fhir-ig'));
  const hash = createHash('sha256').update(`${IG_TABLES_FORMAT}\n${builderCode}`);
  for (const file of files) hash.update(`\n${file.path}\n${file.text}`);
  const stamp = hash.digest('hex');
  const target = join(root, IG_TABLES_FILE);
  const stampFile = `${target}.stamp`;
  if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { written: false, tables: files.length };
  const tables = compactIgTables(files, IG_TABLES_SOURCE);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  writeFileSync(temporary, JSON.stringify(tables));
  renameSync(temporary, target);
  writeFileSync(stampFile, stamp);
  rmSync(temporary, { force: true });
  return { written: true, tables: files.length };
}
