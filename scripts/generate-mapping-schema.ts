// Writes docs/mapping-spec.schema.json, the published JSON Schema of the mapping spec, from the
// engine's zod schema (the one source of truth). mappingJsonSchema.test.ts fails when it is stale.
import { writeFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { mappingSpecJsonSchemaText } from '../shared/common/mapping/spec/mappingJsonSchema';

const file = resolve(import.meta.dirname, '../docs/mapping-spec.schema.json');
writeFileSync(`${file}.tmp`, mappingSpecJsonSchemaText());
renameSync(`${file}.tmp`, file);
console.log(`wrote ${file}`);
