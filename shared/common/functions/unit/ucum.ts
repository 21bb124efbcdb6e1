import ucumPackage from '@lhncbc/ucum-lhc';
import { CrosswalkError } from '../../errors/CrosswalkError';

/**
 * UCUM through @lhncbc/ucum-lhc. It is pure JavaScript that `require`s its definitions JSON at
 * load; esbuild and Vite bundle that JSON, so this stays usable in the common layer (renderer,
 * main, runtime). The instance is created on first use because loading the definitions costs
 * tens of milliseconds, and is then reused.
 */
let instance: ReturnType<typeof ucumPackage.UcumLhcUtils.getInstance> | undefined;
function ucum() {
  return (instance ??= ucumPackage.UcumLhcUtils.getInstance());
}

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

const validCache = new Map<string, boolean>();

/**
 * Longer text is not taken for a unit. Real UCUM codes are a few dozen characters at most, and
 * ucum-lhc's parser is neither linear nor bounded in depth: 8,000 characters of "{}{}…" took
 * 0.35 s and then overflowed its stack, which it reports by console.log-ing the whole text.
 */
const MAX_UCUM_LENGTH = 256;

/** Whether `code` is a valid, case-sensitive UCUM expression (`kg`, `mm[Hg]`, `kg/m2`, `10*3/uL`). */
export function isUcumCode(code: string): boolean {
  if (code.length > MAX_UCUM_LENGTH) return false;
  let valid = validCache.get(code);
  if (valid === undefined) {
    valid = validate(code)?.ucumCode === code;
    if (validCache.size < 10000) validCache.set(code, valid);
  }
  return valid;
}

/**
 * ucum-lhc's validation, or undefined when the text is not valid UCUM. ucum-lhc looks units up
 * in plain objects, so prototype names trip it: "toString" comes back "valid" with an empty
 * unit, and in conversions it throws a TypeError. Both mean "not UCUM" here.
 */
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

function validate(code: string) {
  // Such text also makes ucum-lhc console.log the unit, which would corrupt NDJSON on stdout:
  // refuse it before ucum-lhc sees it (annotations in braces may say anything). So does any text
  // its parser throws on: white space outside annotations, or only white space (never UCUM).
  // The annotation regex is quadratic on "{{{…" without "}", which MAX_UCUM_LENGTH keeps small.
  const atoms = code.replace(/\{[^}]*\}/g, '');
  if (PROTOTYPE_NAMES.some((name) => atoms.includes(name))) return undefined;
  if (atoms.includes(' ') || code.trim() === '') return undefined;
  try {
    // validateUnitString also accepts some case variants and suggestions; callers compare ucumCode.
    const result = ucum().validateUnitString(code, false, 'validate');
    return result.status === 'valid' && typeof result.unit?.code === 'string' ? result : undefined;
  } catch {
    return undefined;
  }
}

/** Removes binary floating-point noise (68.03885550000001 → 68.0388555) while keeping 12 significant digits. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Factor of a pair of ordinary (multiplicative) units, so a conversion in the per-message loop
 * is one multiplication instead of parsing both unit strings. Special units (Cel, [degF], pH,
 * decibels) are not multiplicative and always go through ucum-lhc; `null` marks such a pair.
 */
const factors = new Map<string, number | null>();

function convertOnce(value: number, from: string, to: string): { value: number; factor: number | null } {
  let result: ReturnType<ReturnType<typeof ucum>['convertUnitTo']> | undefined;
  try {
    result = ucum().convertUnitTo(from, value, to);
  } catch {
    result = undefined; // see validate(): ucum-lhc can throw on odd text
  }
  if (result === undefined || result.status !== 'succeeded' || result.toVal === null) {
    throw new CrosswalkError('UNIT_INCOMPATIBLE', 'The unit of the value and the unit to convert to measure different things, so one does not convert to the other.', {}, `${from} → ${to}`);
  }
  const special = result.fromUnit?.isSpecial_ !== false || result.toUnit?.isSpecial_ !== false;
  return { value: result.toVal, factor: special ? null : result.toVal / value };
}

/** Converts between two UCUM units; UNIT_INVALID names the unit that is not UCUM, UNIT_INCOMPATIBLE a pair that does not convert. */
export function convertUcum(value: number, from: string, to: string): number {
  for (const unit of [from, to]) {
    if (!isUcumCode(unit)) throw new CrosswalkError('UNIT_INVALID', `The unit to convert ${unit === from ? 'from' : 'to'} is not a valid UCUM unit.`, {}, unit);
  }
  if (from === to) return value;
  const key = `${from}\u0000${to}`;
  const factor = factors.get(key);
  if (typeof factor === 'number') return clean(value * factor);
  if (factor === undefined && factors.size < 10000) {
    const probe = convertOnce(1, from, to); // also throws UNIT_INCOMPATIBLE for the pair
    factors.set(key, probe.factor);
    if (probe.factor !== null) return clean(value * probe.factor);
  }
  return clean(convertOnce(value, from, to).value);
}
