/**
 * Which FHIR type the IG's OBX map gives a structured numeric (seg_OBX[Observation], OBX-5 rows):
 * `<>` in SN.1 or `+` in SN.3 → a string; SN.3 `:` or `/` → Ratio; `-` → Range; otherwise a
 * Quantity. The SN maps write only for their kind, as expressions over their input.
 */
const NOT_TEXT = "string.trim(SN.1) != '<>'";

export const SN_IS_QUANTITY = `${NOT_TEXT} and string.trim(SN.3) != ':' and string.trim(SN.3) != '/' and string.trim(SN.3) != '-' and string.trim(SN.3) != '+'`;
export const SN_IS_RANGE = `${NOT_TEXT} and string.trim(SN.3) = '-'`;
export const SN_IS_RATIO = `${NOT_TEXT} and (string.trim(SN.3) = ':' or string.trim(SN.3) = '/')`;
