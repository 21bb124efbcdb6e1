import { LEGACY_UNITS } from './legacyUnits';
import { isUcumCode } from './ucum';

const LEGACY: ReadonlyMap<string, string> = new Map(LEGACY_UNITS.map((entry) => [entry.code, entry.ucum]));

/**
 * The UCUM code for a unit as written in a v2 message: from the legacy unit table when it lists
 * it (`ML` → `mL`, `lb` → `[lb_av]`, ahead of what the text would mean as UCUM), else the text
 * itself when it is valid, case-sensitive UCUM; undefined for anything else.
 */
export function v2UnitToUcum(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  const trimmed = unit.trim();
  if (trimmed === '') return undefined;
  const known = LEGACY.get(trimmed);
  if (known !== undefined) return known;
  return isUcumCode(trimmed) ? trimmed : undefined;
}
