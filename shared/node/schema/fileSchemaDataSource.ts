import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrosswalkError } from '../../common/errors/CrosswalkError';
import type { SchemaDataSource } from '../../common/schema/SchemaDataSource';

/**
 * generated/schemas/ of the Crosswalk checkout or install this code runs from: found by walking
 * up from this module (source under shared/node/schema, or bundled into dist/runtime) to the
 * folder holding package.json and generated/schemas.
 */
export function defaultSchemaDirectory(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'generated', 'schemas');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve(process.cwd(), 'generated', 'schemas');
}

/** Reads the compact schema index files from a directory (default: generated/schemas/). */
export function fileSchemaDataSource(directory: string = defaultSchemaDirectory()): SchemaDataSource {
  const root = resolve(directory);
  return {
    async read(file: string): Promise<unknown> {
      const full = resolve(root, file);
      // Names come from the catalog's own indexes, but a file outside the index folder is never read.
      if (!full.startsWith(root + sep)) {
        throw new CrosswalkError('SCHEMA_DATA_MISSING', `The schema file name ${file} points outside the schema folder.`, { file });
      }
      let text: string;
      try {
        text = await readFile(full, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new CrosswalkError('SCHEMA_DATA_MISSING', `The schema index ${file} is missing from ${root}; run npm run build to generate it.`, { file });
        }
        throw error;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new CrosswalkError('SCHEMA_DATA_MISSING', `The schema index ${file} is not valid JSON; run npm run build to regenerate it.`, { file });
      }
    },
  };
}
