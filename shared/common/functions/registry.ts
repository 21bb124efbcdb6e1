import type { FunctionDefinition } from './FunctionDefinition';
import { codeableConceptFromCwe } from './code/codeableConceptFromCwe';
import { codeFromCwe } from './code/codeFromCwe';
import { codingFromCwe } from './code/codingFromCwe';
import { isOid } from './code/isOid';
import { isUri } from './code/isUri';
import { isUuid } from './code/isUuid';
import { systemUri } from './code/systemUri';
import { addressFromXad } from './datatype/addressFromXad';
import { contactPointFromXtn } from './datatype/contactPointFromXtn';
import { humanNameFromXpn } from './datatype/humanNameFromXpn';
import { identifierFromCx } from './datatype/identifierFromCx';
import { quantityFromNm } from './datatype/quantityFromNm';
import { quantityFromSn } from './datatype/quantityFromSn';
import { rangeFromSn } from './datatype/rangeFromSn';
import { ratioFromSn } from './datatype/ratioFromSn';
import { referenceFromPl } from './datatype/referenceFromPl';
import { referenceFromXcn } from './datatype/referenceFromXcn';
import { snKind } from './datatype/snKind';
import { fhirToHl7DateTime } from './date/fhirToHl7DateTime';
import { hl7ToFhirDate } from './date/hl7ToFhirDate';
import { hl7ToFhirDateTime } from './date/hl7ToFhirDateTime';
import { hl7ToFhirInstant } from './date/hl7ToFhirInstant';
import { hl7ToFhirTime } from './date/hl7ToFhirTime';
import { coalesce } from './logic/coalesce';
import { count } from './logic/count';
import { equals } from './logic/equals';
import { exists } from './logic/exists';
import { ifElse } from './logic/ifElse';
import { not } from './logic/not';
import { lookupTable } from './lookup/lookupTable';
import { parseNumber } from './number/parseNumber';
import { positiveInt } from './number/positiveInt';
import { round } from './number/round';
import { concat } from './string/concat';
import { formattedText } from './string/formattedText';
import { length } from './string/length';
import { lowerCase } from './string/lowerCase';
import { pad } from './string/pad';
import { replace } from './string/replace';
import { split } from './string/split';
import { substring } from './string/substring';
import { surround } from './string/surround';
import { toBase64 } from './string/toBase64';
import { trim } from './string/trim';
import { upperCase } from './string/upperCase';
import { convertUnit } from './unit/convertUnit';
import { isValidUcum } from './unit/isValidUcum';
import { toUcum } from './unit/toUcum';
import { ucumCode } from './unit/ucumCode';
import { unitSystemUri } from './unit/unitSystemUri';

/** Every function of the library, as data. Adding a function is adding its file and one line here. */
export const functionDefinitions: readonly FunctionDefinition[] = [
  concat, split, substring, trim, upperCase, lowerCase, replace, pad, length, formattedText, surround, toBase64,
  hl7ToFhirDate, hl7ToFhirDateTime, hl7ToFhirInstant, hl7ToFhirTime, fhirToHl7DateTime,
  parseNumber, round, positiveInt,
  convertUnit, toUcum, isValidUcum, ucumCode, unitSystemUri,
  codeableConceptFromCwe, codingFromCwe, codeFromCwe, systemUri, isOid, isUuid, isUri,
  identifierFromCx, humanNameFromXpn, addressFromXad, contactPointFromXtn, quantityFromNm, quantityFromSn, rangeFromSn, ratioFromSn, snKind,
  referenceFromXcn, referenceFromPl,
  ifElse, coalesce, exists, equals, not, count,
  lookupTable,
];
