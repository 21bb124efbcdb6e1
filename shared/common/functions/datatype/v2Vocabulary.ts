/**
 * The v2-to-FHIR IG vocabulary maps the data type functions apply (only the codes the IG maps;
 * v2vocabulary.test.ts checks each against the IG's cs_*.csv tables).
 */
export const NAME_TYPE_TO_NAME_USE: ReadonlyMap<string, string> = new Map([
  ['BAD', 'old'], ['D', 'usual'], ['L', 'official'], ['M', 'maiden'], ['MSK', 'anonymous'], ['N', 'nickname'],
  ['NAV', 'temp'], ['R', 'official'], ['TEMP', 'temp'],
]);

export const ADDRESS_TYPE_TO_USE: ReadonlyMap<string, string> = new Map([
  ['BA', 'old'], ['BI', 'billing'], ['C', 'temp'], ['B', 'work'], ['H', 'home'], ['O', 'work'],
]);

export const ADDRESS_TYPE_TO_TYPE: ReadonlyMap<string, string> = new Map([['M', 'postal'], ['SH', 'postal']]);

export const TELECOM_USE: ReadonlyMap<string, string> = new Map([['PRN', 'home'], ['WPN', 'work'], ['PRS', 'mobile']]);

/** XTN.3 → ContactPoint.system; CP (cellular) is a phone whose use is mobile (the IG maps it to contact-point-use). */
export const TELECOM_EQUIPMENT_TO_SYSTEM: ReadonlyMap<string, string> = new Map([
  ['PH', 'phone'], ['FX', 'fax'], ['MD', 'other'], ['CP', 'phone'], ['SAT', 'other'], ['BP', 'pager'],
  ['Internet', 'email'], ['X.400', 'email'], ['TDD', 'other'], ['TTY', 'other'],
]);

export const V2_TABLE_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
