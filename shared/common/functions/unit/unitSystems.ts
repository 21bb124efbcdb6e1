import { codingSystemUri } from '../code/codingSystems';
import { UCUM_SYSTEM } from './ucum';
import { v2UnitToUcum } from './v2Units';

/** The pre-UCUM unit tables v2 senders still name in OBX-6.3 (`kg^^ISO+`): their units are read like units sent without a system. */
const LEGACY_UNIT_SYSTEMS: ReadonlySet<string> = new Set(['ISO+', 'ISO', 'ANS+', 'ANSI']);

export function isLegacyUnitSystem(name: string | undefined): boolean {
  return name !== undefined && LEGACY_UNIT_SYSTEMS.has(name.trim().toUpperCase());
}

/** The FHIR system of a units field's coding system name (CWE.3): as codingSystemUri, but none for a legacy unit table. */
export function unitSystemUri(name: string | undefined): string | undefined {
  return isLegacyUnitSystem(name) ? undefined : codingSystemUri(name);
}

/**
 * The UCUM code of a unit as sent with its coding system name: with UCUM, the unit as UCUM
 * writes it (`mmHg` → `mm[Hg]`, else as sent); with no system or a legacy unit table, the UCUM
 * code when the unit is recognisably UCUM (`lb` → `[lb_av]`); with any other system, none.
 */
export function ucumCodeFor(unit: string | undefined, systemName: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  if (systemName === undefined || isLegacyUnitSystem(systemName)) return v2UnitToUcum(unit);
  return codingSystemUri(systemName) === UCUM_SYSTEM ? (v2UnitToUcum(unit) ?? unit) : undefined;
}
