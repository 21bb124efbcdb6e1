import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CrosswalkError } from '../../common/errors/CrosswalkError';
import { IG_TABLES_FORMAT, type IgTables } from '../../common/ig/IgTables';
import { defaultSchemaDirectory } from '../schema/fileSchemaDataSource';

/** generated/ig/v2-to-fhir-ig.json of the checkout or install this code runs from (beside generated/schemas). */
export function defaultIgTablesFile(): string {
  return join(dirname(defaultSchemaDirectory()), 'ig', 'v2-to-fhir-ig.json');
}

let shared: Promise<IgTables> | undefined;

async function read(file: string): Promise<IgTables> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CrosswalkError('IG_TABLES_MISSING', `The HL7 v2-to-FHIR IG tables are missing from ${file}; run npm run build to generate them.`, { file });
    }
    throw error;
  }
  let tables: IgTables;
  try {
    tables = JSON.parse(text) as IgTables;
  } catch {
    throw new CrosswalkError('IG_TABLES_MISSING', `The HL7 v2-to-FHIR IG tables in ${file} are not valid JSON; run npm run build to regenerate them.`, { file });
  }
  if (tables?.format !== IG_TABLES_FORMAT) {
    throw new CrosswalkError('IG_TABLES_STALE', `The HL7 v2-to-FHIR IG tables in ${file} are in another format than this Crosswalk reads; run npm run build to regenerate them.`, { file });
  }
  return tables;
}

/**
 * The compact IG tables `npm run build` writes (shared/node/ig/buildIgTables.ts). Without a file
 * it is one shared read per process, as the schema catalog is.
 */
export function nodeIgTables(file?: string): Promise<IgTables> {
  if (file !== undefined) return read(file);
  shared ??= read(defaultIgTablesFile()).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
