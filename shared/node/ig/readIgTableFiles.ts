import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IgTableFile } from '../../common/ig/compactIgTables';

/** The four table folders of the IG's `mappings/` (and of data/v2-to-fhir-ig/). */
export const IG_TABLE_FOLDERS = ['messages', 'segments', 'datatypes', 'codesystems'] as const;

/** Every CSV of the table folders under `directory`, in path order (a missing folder has none). */
export function readIgTableFiles(directory: string): IgTableFile[] {
  const files: IgTableFile[] = [];
  for (const folder of IG_TABLE_FOLDERS) {
    let names: string[];
    try {
      names = readdirSync(join(directory, folder));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names.filter((n) => n.endsWith('.csv')).sort()) {
      files.push({ path: `${folder}/${name}`, text: readFileSync(join(directory, folder, name), 'utf8') });
    }
  }
  return files;
}
