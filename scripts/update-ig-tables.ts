// Copies the HL7 v2-to-FHIR IG tables the importer may read (igTableClosure: the 13 message maps
// and what they name, down to the data type and vocabulary maps, minus what the map library has)
// from ../shared/reference/v2-to-fhir-ig/mappings/ into data/v2-to-fhir-ig/, byte for byte, and
// removes the ones no longer needed. Run after the reference tables or the library change;
// shared/node/ig/igTables.test.ts fails until the shipped set is current.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compactIgTables } from '../shared/common/ig/compactIgTables';
import { igTableClosure } from '../shared/common/ig/igTableClosure';
import { IG_TABLE_FOLDERS, readIgTableFiles } from '../shared/node/ig/readIgTableFiles';

const root = resolve(import.meta.dirname, '..');
const reference = resolve(root, '../shared/reference/v2-to-fhir-ig/mappings');
const shipped = join(root, 'data', 'v2-to-fhir-ig');

const files = readIgTableFiles(reference);
const tables = compactIgTables(files, 'reference');
const closure = igTableClosure(tables);
const wanted = new Set(closure.files);
for (const folder of IG_TABLE_FOLDERS) {
  mkdirSync(join(shipped, folder), { recursive: true });
  for (const name of readdirSync(join(shipped, folder))) if (!wanted.has(`${folder}/${name}`)) rmSync(join(shipped, folder, name));
}
for (const file of wanted) copyFileSync(join(reference, file), join(shipped, file));
console.log(`data/v2-to-fhir-ig: ${closure.messages.length} message, ${closure.segments.length} segment, ${closure.datatypes.length} data type and ${closure.vocabularies.length} vocabulary tables`);
