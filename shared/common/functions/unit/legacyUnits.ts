/**
 * Unit codes v2 senders write in OBX-6 that are not UCUM as sent, or that are UCUM for something
 * else, and the UCUM code they mean. UCUM is case-sensitive: `ML` is a megalitre, `MG` a
 * megagauss, `G/L` gauss per litre, `S` a siemens; a lab that sends them means mL, mg, g/L and
 * seconds. A unit is labelled UCUM (system http://unitsofmeasure.org and a code) only when it is
 * in this table or is valid UCUM as sent; anything else keeps its text in Quantity.unit and
 * claims no system (functions/unit/v2Units.ts).
 *
 * One entry a line, so a reviewer reads the table top to bottom and a change is a one-line diff.
 * `legacyUnits.test.ts` checks every target with @lhncbc/ucum-lhc (valid, case-sensitive UCUM)
 * and every entry of the `ci` group against the UCUM case-insensitive form ucum-lhc derives for
 * its target.
 */
export interface LegacyUnit {
  /** As the sender writes it (compared exactly: case matters). */
  code: string;
  /** The UCUM code it means. */
  ucum: string;
  /**
   * `ci`: the UCUM case-insensitive symbol of `ucum` (UCUM specification, c/i column: what
   * upper-case-only systems, ISO 2955 and ANSI X3.50 "ISO+"/"ANS+" senders write).
   * `spelling`: a common clinical spelling that is not UCUM (US customary units, abbreviations).
   */
  source: 'ci' | 'spelling';
  /** What the code means as sent, when it is valid UCUM for something else. */
  asSent?: string;
}

/** Source: UCUM (https://ucum.org/ucum, "c/i" symbols), as @lhncbc/ucum-lhc 7.1.10 derives them. */
const ci = (code: string, ucum: string, asSent?: string): LegacyUnit => ({ code, ucum, source: 'ci', ...(asSent ? { asSent } : {}) });
/** Source: common practice in v2 feeds (OBX-6 free text, pre-UCUM tables); each says what it must mean in a clinical result. */
const spelling = (code: string, ucum: string, asSent?: string): LegacyUnit => ({ code, ucum, source: 'spelling', ...(asSent ? { asSent } : {}) });

export const LEGACY_UNITS: readonly LegacyUnit[] = [
  // Volume, mass and amount: the upper-case forms of the everyday lab units.
  ci('ML', 'mL', 'megalitre'),
  ci('L', 'L'),
  ci('DL', 'dL'),
  ci('UL', 'uL'),
  ci('FL', 'fL'),
  ci('KG', 'kg'),
  ci('G', 'g', 'gauss'),
  ci('MG', 'mg', 'megagauss'),
  ci('UG', 'ug'),
  ci('NG', 'ng'),
  ci('PG', 'pg', 'petagauss'),
  ci('MOL', 'mol'),
  ci('MMOL', 'mmol'),
  ci('UMOL', 'umol'),
  ci('NMOL', 'nmol'),
  // Concentrations.
  ci('G/L', 'g/L', 'gauss per litre'),
  ci('G/DL', 'g/dL'),
  ci('MG/L', 'mg/L', 'megagauss per litre'),
  ci('MG/DL', 'mg/dL'),
  ci('UG/L', 'ug/L'),
  ci('UG/DL', 'ug/dL'),
  ci('UG/ML', 'ug/mL'),
  ci('NG/L', 'ng/L'),
  ci('NG/ML', 'ng/mL'),
  ci('NG/DL', 'ng/dL'),
  ci('PG/ML', 'pg/mL', 'petagauss per megalitre'),
  ci('MMOL/L', 'mmol/L'),
  ci('UMOL/L', 'umol/L'),
  ci('NMOL/L', 'nmol/L'),
  ci('PMOL/L', 'pmol/L'),
  ci('MMOL/MOL', 'mmol/mol'),
  ci('MEQ/L', 'meq/L'),
  ci('MOSM/KG', 'mosm/kg'),
  ci('MU/L', 'mU/L', 'mega-units per litre'),
  ci('M[IU]/L', 'm[IU]/L', 'mega-international units per litre'),
  ci('[IU]/ML', '[IU]/mL', 'international units per megalitre'),
  // Counts.
  ci('10*3/UL', '10*3/uL'),
  ci('10*6/UL', '10*6/uL'),
  ci('/UL', '/uL'),
  // Rates, lengths, body measures, pressure, temperature.
  ci('ML/MIN', 'mL/min'),
  ci('L/MIN', 'L/min'),
  ci('/MIN', '/min'),
  ci('CM', 'cm'),
  ci('MM', 'mm'),
  ci('KG/M2', 'kg/m2'),
  ci('M2', 'm2'),
  ci('MM[HG]', 'mm[Hg]'),
  ci('CEL', 'Cel'),
  ci('[DEGF]', '[degF]'),
  // Time.
  ci('S', 's', 'siemens'),
  ci('MIN', 'min'),
  ci('HR', 'h'),
  ci('D', 'd'),
  ci('WK', 'wk'),
  ci('MO', 'mo'),
  ci('ANN', 'a'),
  // Spellings that are not UCUM at all, or UCUM for something no result is measured in.
  spelling('H', 'h', 'henry'),
  spelling('lb', '[lb_av]'), spelling('lbs', '[lb_av]'), spelling('LB', '[lb_av]'), spelling('LBS', '[lb_av]'), spelling('pound', '[lb_av]'), spelling('pounds', '[lb_av]'),
  spelling('oz', '[oz_av]'), spelling('OZ', '[oz_av]'),
  spelling('in', '[in_i]'), spelling('IN', '[in_i]'), spelling('inch', '[in_i]'), spelling('inches', '[in_i]'), spelling('"', '[in_i]'),
  spelling('ft', '[ft_i]', 'femtotonne'), spelling('FT', '[ft_i]'),
  spelling('Kg', 'kg'), spelling('kgs', 'kg'), spelling('gm', 'g'), spelling('GM', 'g'),
  spelling('mmHg', 'mm[Hg]'), spelling('MMHG', 'mm[Hg]'), spelling('mm Hg', 'mm[Hg]'), spelling('mm(hg)', 'mm[Hg]'),
  spelling('F', '[degF]', 'farad'), spelling('degF', '[degF]'), spelling('DEGF', '[degF]'), spelling('°F', '[degF]'),
  spelling('C', 'Cel', 'coulomb'), spelling('degC', 'Cel'), spelling('DEGC', 'Cel'), spelling('°C', 'Cel'),
  spelling('bpm', '/min'), spelling('BPM', '/min'), spelling('beats/min', '/min'), spelling('breaths/min', '/min'),
  spelling('PCT', '%'), spelling('pct', '%'), spelling('percent', '%'),
  spelling('g/dl', 'g/dL'), spelling('mg/dl', 'mg/dL'), spelling('mmol/l', 'mmol/L'), spelling('meq/l', 'meq/L'), spelling('mEq/L', 'meq/L'),
  spelling('u/l', 'U/L', 'atomic mass units per litre'), spelling('IU/L', '[IU]/L'), spelling('iu/l', '[IU]/L'), spelling('fl', 'fL'),
  spelling('K/uL', '10*3/uL', 'kelvin per microlitre'), spelling('K/UL', '10*3/uL'), spelling('M/uL', '10*6/uL'), spelling('M/UL', '10*6/uL'),
  spelling('kg/m^2', 'kg/m2'),
];
