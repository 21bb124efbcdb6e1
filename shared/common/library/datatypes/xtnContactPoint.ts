import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import { telecomSystem } from '../valueMaps/telecomSystem';
import { telecomUse } from '../valueMaps/telecomUse';
import { dateInDatatype } from './dateInDatatype';

const EMAIL = "XTN.3 = 'Internet' or XTN.3 = 'X.400'";

/**
 * XTN[ContactPoint] — IG table "HL7 Data Type - FHIR R4_ XTN[ContactPoint] - Sheet1.csv". The
 * value is XTN.4 for an e-mail (XTN.3 Internet, X.400), else XTN.12, XTN.1, or XTN.5–XTN.8
 * composed (`+1 (555) 5551234 X89`, the area code in parentheses as people write it). Deviations
 * (libraryMaps.ts): without XTN.3 the system is phone (FHIR cpt-2 needs one with a value, and the
 * value read then is a number); CP (cellular) is a phone with use mobile; the XTN.5–XTN.8
 * contactpoint extensions are not written (the composed value carries them).
 */
function build() {
  const b = new MapBuilder('XTN[ContactPoint]', 'datatype', hl7Datatype('XTN'), fhirType('ContactPoint'))
    .describe('XTN → ContactPoint', 'A ContactPoint from an extended telecommunication number (PID-13, PID-14): system, value, use, rank, period. Nothing without a number or an address.')
    .when(`(${EMAIL}) and string.trim(XTN.4) != null or not (${EMAIL}) and string.trim(logic.coalesce(XTN.12, XTN.1, XTN.7)) != null`);
  const email = b.cond(EMAIL, b.src('XTN.4'), 'if-email');
  b.set('ContactPoint.value', b.fn('string.trim', { value: email }, undefined, 'address'));
  const parts = [
    b.fn('string.surround', { value: b.src('XTN.5') }, { before: '+' }, 'country'),
    b.fn('string.surround', { value: b.src('XTN.6') }, { before: '(', after: ')' }, 'area'),
    b.src('XTN.7'),
    b.fn('string.surround', { value: b.src('XTN.8') }, { before: 'X' }, 'extension'),
  ];
  const composed = b.cond('XTN.7 != null', b.fnMany('string.concat', 'values', parts, 'composed', { separator: ' ' }), 'if-local-number');
  const number = b.cond(`not (${EMAIL})`, b.fnMany('logic.coalesce', 'values', [b.src('XTN.12'), b.src('XTN.1'), composed], 'number'), 'if-not-email');
  b.set('ContactPoint.value', b.fn('string.trim', { value: number }, undefined, 'telephone'), 1);
  b.set('ContactPoint.system', b.map(telecomSystem.id, b.src('XTN.3'), 'code', 'system'));
  b.set('ContactPoint.system', b.cond('XTN.3 = null', b.constant('phone', 'phone'), 'if-no-equipment-type'), 1);
  b.set('ContactPoint.use', b.cond("XTN.3 = 'CP'", b.constant('mobile', 'mobile'), 'if-cellular'));
  b.set('ContactPoint.use', b.map(telecomUse.id, b.src('XTN.2'), 'code', 'use'), 1);
  b.set('ContactPoint.rank', b.fn('number.positiveInt', { value: b.src('XTN.18') }, undefined, 'rank'));
  b.set('ContactPoint.period.start', dateInDatatype(b, b.src('XTN.13'), 'effective'));
  b.set('ContactPoint.period.end', dateInDatatype(b, b.src('XTN.14'), 'expiration'));
  return b.build();
}

export const xtnContactPoint = build();
