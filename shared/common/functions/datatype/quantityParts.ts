import { CrosswalkError } from '../../errors/CrosswalkError';
import type { Decimal } from '../../json/Decimal';
import { parseHl7Decimal } from '../number/parseHl7Number';
import { UCUM_SYSTEM } from '../unit/ucum';
import { isLegacyUnitSystem, ucumCodeFor, unitSystemUri } from '../unit/unitSystems';
import { component } from '../util/components';
import { compact } from '../util/values';

export interface Quantity { value?: number | Decimal; comparator?: string; unit?: string; system?: string; code?: string }

/**
 * The unit part of a Quantity from a CWE units field, per the IG's CWE[Quantity] map: unit =
 * CWE.2, else CWE.1; code and system = CWE.1 and CWE.3 when both are valued. UCUM is claimed only
 * for a unit that is UCUM as sent or that the legacy unit table maps (`ML` → `mL`): a unit the
 * sender calls UCUM but is not keeps its text and no system. With `inferUcum`, a unit sent
 * without a system, or with the legacy ISO+/ANSI unit tables (OBX-6 `kg`, `lb`,
 * `beats/min^^ISO`), that is recognisably UCUM gets the UCUM code too, since FHIR's vital-signs
 * profiles want it. A code is written only with its system (qty-3).
 */
export function quantityUnit(units: unknown, inferUcum: boolean): Pick<Quantity, 'unit' | 'system' | 'code'> {
  const code = component(units, 1)?.trim() || undefined;
  const text = component(units, 2)?.trim() || undefined;
  const systemName = component(units, 3);
  const unit = text ?? code;
  if (code === undefined) return compact({ unit });
  const system = unitSystemUri(systemName);
  if (system === UCUM_SYSTEM) {
    const ucum = ucumCodeFor(code, systemName);
    return ucum === undefined ? compact({ unit }) : compact({ unit, system, code: ucum });
  }
  if (system !== undefined) return compact({ unit, system, code });
  // ISO+ / ANSI units (the pre-UCUM unit tables v2 senders still name) are read like units without a system.
  if (inferUcum && (systemName === undefined || isLegacyUnitSystem(systemName))) {
    const ucum = ucumCodeFor(code, systemName);
    if (ucum !== undefined) return compact({ unit, system: UCUM_SYSTEM, code: ucum });
  }
  return compact({ unit });
}

const COMPARATORS: ReadonlyMap<string, string | undefined> = new Map([['<', '<'], ['<=', '<='], ['>=', '>='], ['>', '>'], ['=', undefined]]);

/** SN.1 → Quantity.comparator; `<>` (not equal) has no FHIR comparator. */
export function snComparator(sn: unknown): string | undefined {
  const raw = component(sn, 1)?.trim();
  if (raw === undefined) return undefined;
  if (!COMPARATORS.has(raw)) throw new CrosswalkError('SN_UNSUPPORTED', 'The comparator (SN.1) of the structured numeric is none of <, <=, >=, > and =, so it has no FHIR Quantity comparator.', {}, raw);
  return COMPARATORS.get(raw);
}

/** SN.2 or SN.4 as a FHIR decimal, with the precision sent. */
export function snNumber(sn: unknown, n: 2 | 4): number | Decimal | undefined {
  return parseHl7Decimal(component(sn, n));
}

/**
 * How the IG maps an SN value (OBX-5 when OBX-2 is SN): `<>` or separator `+` → string,
 * separator `:` or `/` → Ratio, `-` → Range, otherwise Quantity.
 */
export function snKindOf(sn: unknown): 'Quantity' | 'Range' | 'Ratio' | 'string' {
  if (component(sn, 1)?.trim() === '<>') return 'string';
  const separator = component(sn, 3)?.trim();
  if (separator === ':' || separator === '/') return 'Ratio';
  if (separator === '-') return 'Range';
  if (separator === '+') return 'string';
  return 'Quantity';
}
