import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compactIgTables } from '../../common/ig/compactIgTables';
import { igTableClosure } from '../../common/ig/igTableClosure';
import { referenceDir } from '../fixtures/referenceFixtures';
import { IG_TABLES_SOURCE } from './buildIgTables';
import { defaultIgTablesFile, nodeIgTables } from './nodeIgTables';
import { readIgTableFiles } from './readIgTableFiles';

const shippedDir = resolve(process.cwd(), 'data/v2-to-fhir-ig');
const referenceTables = resolve(referenceDir, 'v2-to-fhir-ig/mappings');
const scratch = mkdtempSync(join(tmpdir(), 'crosswalk-ig-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the IG tables Crosswalk ships', () => {
  const reference = readIgTableFiles(referenceTables);
  const closure = igTableClosure(compactIgTables(reference, 'reference'));

  it('are exactly the tables the importer may read, from the 13 message maps down (run scripts/update-ig-tables.ts)', () => {
    expect(closure.messages).toEqual(['ADT_A01', 'ADT_A02', 'ADT_A05', 'ADT_A06', 'ADT_A09', 'ADT_A11', 'ADT_A17', 'MDM_T02', 'OML_O21', 'ORM_O01', 'ORU_R01', 'SIU_S12', 'VXU_V04']);
    expect([closure.segments.length, closure.datatypes.length, closure.vocabularies.length]).toEqual([68, 61, 83]);
    // The library's maps are reused, so their tables stay behind.
    expect(closure.datatypes).not.toContain('CX[Identifier]');
    expect(closure.vocabularies).not.toContain('AdministrativeSex');
    expect(readIgTableFiles(shippedDir).map((f) => f.path).sort()).toEqual(closure.files);
  });

  it('are the reference tables byte for byte, with the attribution beside them', () => {
    const byPath = new Map(reference.map((f) => [f.path, f.text]));
    for (const file of readIgTableFiles(shippedDir)) expect(file.text, file.path).toBe(byPath.get(file.path));
    expect(readFileSync(join(shippedDir, 'SOURCE.md'), 'utf8')).toContain('CC0-1.0');
    expect(readFileSync(join(shippedDir, 'LICENSE-repository-Apache-2.0'), 'utf8')).toBe(readFileSync(join(referenceTables, 'LICENSE-repository-Apache-2.0'), 'utf8'));
  });

  it('are built into generated/ig/ (npm run build) as their compact form', async () => {
    const built = JSON.parse(readFileSync(defaultIgTablesFile(), 'utf8')) as unknown;
    expect(built).toEqual(compactIgTables(readIgTableFiles(shippedDir), IG_TABLES_SOURCE));
    expect(await nodeIgTables()).toEqual(built);
  });
});

describe('compactIgTables', () => {
  const tables = compactIgTables(readIgTableFiles(shippedDir), IG_TABLES_SOURCE);

  it('keeps the columns the importer reads, without empty cells', () => {
    const vxu = tables.messages.find((t) => t.name === 'VXU_V04');
    expect(vxu?.file).toBe('messages/HL7 Message - FHIR R4_ VXU_V04 - Sheet1.csv');
    expect(vxu?.rows.find((r) => r.sort === '12.1' && r.map === 'ORC[Immunization]')).toEqual({
      sort: '12.1', segment: 'VXU_V04.ORDER.ORC', name: 'Common Order', target: 'Immunization[1]', map: 'ORC[Immunization]',
      references: 'Immunzation.patient.reference=Patient[1].id',
      comments: 'Processing of each ORC segment results in the creation of a new Immunization resource',
    });
    const rxa = tables.segments.find((t) => t.name === 'RXA[Immunization]');
    expect(rxa?.rows.filter((r) => r.element === 'RXA-20')).toEqual([
      { sort: '20', element: 'RXA-20', name: 'Completion Status', type: 'ID', condition: 'IF RXA-21 NOT EQUALS "D"', attribute: 'status', fhirType: 'code', vocabulary: 'CompletionStatus' },
      { sort: '20', element: 'RXA-20', name: 'Completion Status', type: 'ID', condition: 'IF NOT VALUED AND RXA-21 NOT EQUALS "D"', attribute: 'status', fhirType: 'code', assignment: '"completed"' },
    ]);
    const completion = tables.vocabularies.find((t) => t.name === 'CompletionStatus');
    expect(completion?.rows[0]).toEqual({ code: 'CP', system: 'HL70322', target: 'completed', display: 'Completed', targetSystem: 'http://hl7.org/fhir/event-status' });
  });

  it('refuses a file outside the table folders, naming it', () => {
    expect(() => compactIgTables([{ path: 'README.md', text: '' }], 'x')).toThrow('The file README.md is not an IG message, segment, data type or vocabulary table.');
  });
});

describe('nodeIgTables', () => {
  it('says to run the build when the file is missing or in another format', async () => {
    await expect(nodeIgTables(join(scratch, 'none.json'))).rejects.toMatchObject({ code: 'IG_TABLES_MISSING', message: `The HL7 v2-to-FHIR IG tables are missing from ${join(scratch, 'none.json')}; run npm run build to generate them.` });
    writeFileSync(join(scratch, 'old.json'), JSON.stringify({ format: 0 }));
    await expect(nodeIgTables(join(scratch, 'old.json'))).rejects.toMatchObject({ code: 'IG_TABLES_STALE' });
  });
});
