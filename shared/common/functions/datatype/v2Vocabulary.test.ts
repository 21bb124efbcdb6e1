import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../valuemaps/csv';
import { ADDRESS_TYPE_TO_TYPE, ADDRESS_TYPE_TO_USE, NAME_TYPE_TO_NAME_USE, TELECOM_EQUIPMENT_TO_SYSTEM, TELECOM_USE } from './v2Vocabulary';

const ig = path.resolve(process.cwd(), '../shared/reference/v2-to-fhir-ig');

/** The IG's vocabulary map: v2 code (column 1) → FHIR code (column 7) and its system (column 10), for mapped rows. */
function igMap(file: string): Map<string, { code: string; system: string }> {
  const rows = parseCsvRows(readFileSync(path.join(ig, file), 'utf8')).slice(2);
  const out = new Map<string, { code: string; system: string }>();
  for (const { fields } of rows) if (fields[6]) out.set(fields[0], { code: fields[6], system: fields[9] });
  return out;
}

const codes = (map: Map<string, { code: string }>) => new Map([...map].map(([k, v]) => [k, v.code]));

describe('built-in vocabulary maps agree with the v2-to-FHIR IG tables', () => {
  it('NameType → name-use', () => {
    expect(NAME_TYPE_TO_NAME_USE).toEqual(codes(igMap('cs_NameType.csv')));
  });
  it('AddressType → address-use and address-type', () => {
    expect(ADDRESS_TYPE_TO_USE).toEqual(codes(igMap('cs_AddressType[Use].csv')));
    expect(ADDRESS_TYPE_TO_TYPE).toEqual(codes(igMap('cs_AddressType[Type].csv')));
  });
  it('TelecommunicationUseCode → contact-point-use', () => {
    expect(TELECOM_USE).toEqual(codes(igMap('cs_TelecommunicationUseCode.csv')));
  });
  it('TelecommunicationEquipmentType → contact-point-system, except CP, which the IG maps to the use mobile', () => {
    const table = igMap('cs_TelecommunicationEquipmentType.csv');
    expect(table.get('CP')).toEqual({ code: 'mobile', system: 'http://hl7.org/fhir/contact-point-use' });
    table.delete('CP');
    const systems = new Map(TELECOM_EQUIPMENT_TO_SYSTEM);
    expect(systems.get('CP')).toBe('phone');
    systems.delete('CP');
    expect(systems).toEqual(codes(table));
    for (const { system } of table.values()) expect(system).toBe('http://hl7.org/fhir/contact-point-system');
  });
});
