import { isUcumCode } from './ucum';

/**
 * Units as v2 senders write them in OBX-6 (ISO+ / ANSI X3.50 / free text) → the UCUM code.
 * Only spellings whose meaning is unambiguous in clinical messages are listed; anything
 * else must already be valid UCUM to be recognised.
 */
const V2_TO_UCUM: ReadonlyMap<string, string> = new Map([
  ['lb', '[lb_av]'], ['lbs', '[lb_av]'], ['LB', '[lb_av]'], ['LBS', '[lb_av]'], ['pound', '[lb_av]'], ['pounds', '[lb_av]'],
  ['oz', '[oz_av]'], ['OZ', '[oz_av]'],
  ['in', '[in_i]'], ['IN', '[in_i]'], ['inch', '[in_i]'], ['inches', '[in_i]'], ['"', '[in_i]'],
  ['ft', '[ft_i]'], ['FT', '[ft_i]'],
  ['KG', 'kg'], ['Kg', 'kg'], ['kgs', 'kg'], ['gm', 'g'], ['GM', 'g'],
  ['CM', 'cm'], ['MM', 'mm'],
  ['mmHg', 'mm[Hg]'], ['MMHG', 'mm[Hg]'], ['mm Hg', 'mm[Hg]'], ['mm(hg)', 'mm[Hg]'],
  ['F', '[degF]'], ['degF', '[degF]'], ['DEGF', '[degF]'], ['°F', '[degF]'],
  ['C', 'Cel'], ['degC', 'Cel'], ['DEGC', 'Cel'], ['°C', 'Cel'], ['CEL', 'Cel'],
  ['bpm', '/min'], ['BPM', '/min'], ['/MIN', '/min'], ['beats/min', '/min'], ['breaths/min', '/min'],
  ['PCT', '%'], ['pct', '%'], ['percent', '%'],
  ['g/dl', 'g/dL'], ['G/DL', 'g/dL'], ['mg/dl', 'mg/dL'], ['MG/DL', 'mg/dL'], ['mmol/l', 'mmol/L'], ['MMOL/L', 'mmol/L'],
  ['meq/l', 'meq/L'], ['MEQ/L', 'meq/L'], ['mEq/L', 'meq/L'], ['u/l', 'U/L'], ['IU/L', '[IU]/L'], ['iu/l', '[IU]/L'],
  ['fl', 'fL'], ['FL', 'fL'], ['PG', 'pg'],
  ['K/uL', '10*3/uL'], ['K/UL', '10*3/uL'], ['M/uL', '10*6/uL'], ['M/UL', '10*6/uL'],
  ['kg/m^2', 'kg/m2'], ['KG/M2', 'kg/m2'],
]);

/** The UCUM code for a unit as written in a v2 message, or undefined when it is not recognised. */
export function v2UnitToUcum(unit: string | undefined): string | undefined {
  if (unit === undefined) return undefined;
  const trimmed = unit.trim();
  if (trimmed === '') return undefined;
  const known = V2_TO_UCUM.get(trimmed);
  if (known !== undefined) return known;
  return isUcumCode(trimmed) ? trimmed : undefined;
}
