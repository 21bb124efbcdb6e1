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
 * The UCUM code of a unit as sent with its coding system name. With no system, a legacy unit
 * table, or UCUM itself: the UCUM code of the legacy unit table (`ML` → `mL`, `lb` → `[lb_av]`),
 * else the unit when it is valid, case-sensitive UCUM; a unit that is neither has none, even when
 * the sender calls it UCUM. With any other system, none.
 */
export function ucumCodeFor(unit: string | undefined, systemName: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  if (systemName === undefined || isLegacyUnitSystem(systemName) || codingSystemUri(systemName) === UCUM_SYSTEM) return v2UnitToUcum(unit);
  return undefined;
}
