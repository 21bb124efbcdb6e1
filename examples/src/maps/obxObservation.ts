import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { interpretation, observationStatus } from '../../../shared/common/library/valueMaps';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * OBX[Observation] (IG "HL7 Segment - FHIR R4_ OBX[Observation]"): code, status, effective time,
 * reference range, interpretation; the value by OBX-2 is its own map, OBX[Observation-value].
 * Subject and encounter are the message map's references.
 */
export function obxObservation(): MapDefinition {
  const b = new MapBuilder('OBX[Observation]', 'segment', hl7Segment('OBX'), fhirResource('Observation'))
    .describe('OBX → Observation', 'One observation from an OBX segment, as the IG\'s OBX[Observation] map says.');
  b.set('Observation.code', b.call('CWE[CodeableConcept]', b.src('OBX-3'), 'observation-code'));
  // Observation.code is required; an OBX without OBX-3 (malformed but real) says so with a
  // data-absent-reason instead of inventing a code.
  b.set('Observation.code', b.cond('OBX-3 = null', b.constant({ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] }, 'code-absent'), 'no-observation-code'), 1);
  b.set('Observation', b.call('OBX[Observation-value]', b.src('OBX'), 'value'));
  b.set('Observation.status', b.fnMany('logic.coalesce', 'values', [b.map(observationStatus.id, b.src('OBX-11'), 'code', 'observation-status'), b.constant('unknown', 'status-unknown')], 'status'));
  b.set('Observation.effective[x]:effectiveDateTime', b.call('DTM[dateTime]', b.src('OBX-14'), 'observed'));
  b.set('Observation.referenceRange.text', b.src('OBX-7'));
  b.each('Observation.interpretation', b.cond('OBX-8.1 != null', b.src('OBX-8'), 'has-interpretation'));
  b.set('Observation.interpretation.coding', b.map(interpretation.id, b.src('OBX-8.1'), 'coding', 'interpretation'));
  return b.build();
}

/**
 * OBX[Observation-value]: Observation.value[x] by OBX-2, as the IG's OBX-5 rows say: NM → a
 * Quantity with OBX-6 units, SN → a Quantity, Range or Ratio (or text for `<>` and `+`), ST/TX/FT
 * → text, CWE/CE → a CodeableConcept, DT/DTM/TS → a dateTime.
 */
export function obxObservationValue(): MapDefinition {
  const b = new MapBuilder('OBX[Observation-value]', 'segment', hl7Segment('OBX'), fhirResource('Observation'))
    .describe('OBX-5 → Observation.value[x]', 'The value of an observation by its type in OBX-2, with OBX-6 units.');
  // OBX-5[1]: the first repetition, as the old mapping read it; several repetitions are a later change (components or joined text).
  const value = () => b.src('OBX-5[1]');
  const units = (expression: string, stem: string) => b.call('CWE[Quantity]', b.cond(expression, b.src('OBX-6'), `${stem}-units`), `${stem}-unit`);

  b.set('Observation.value[x]:valueQuantity', b.call('NM[Quantity]', b.cond("OBX-2 = 'NM'", value(), 'is-NM'), 'NM'));
  b.set('Observation.value[x]:valueQuantity', units("OBX-2 = 'NM' and OBX-5 != null", 'NM'));

  // A structured numeric: each SN map writes only for its kind (a number, a range, a ratio).
  const sn = b.cond("OBX-2 = 'SN'", value(), 'is-SN');
  b.set('Observation.value[x]:valueQuantity', b.call('SN[Quantity]', sn, 'SN-quantity'), 1);
  b.set('Observation.value[x]:valueRange', b.call('SN[Range]', sn, 'SN-range'));
  b.set('Observation.value[x]:valueRatio', b.call('SN[Ratio]', sn, 'SN-ratio'));
  const notText = "OBX-2 = 'SN' and string.trim(OBX-5.1) != '<>'";
  b.set('Observation.value[x]:valueQuantity', units(`${notText} and string.trim(OBX-5.3) != ':' and string.trim(OBX-5.3) != '/' and string.trim(OBX-5.3) != '-' and string.trim(OBX-5.3) != '+' and OBX-5.2 != null`, 'SN-quantity'), 1);
  const rangeUnits = units(`${notText} and string.trim(OBX-5.3) = '-'`, 'SN-range');
  b.set('Observation.value[x]:valueRange.low', rangeUnits);
  b.set('Observation.value[x]:valueRange.high', rangeUnits);
  b.set('Observation.value[x]:valueRatio.numerator', units(`${notText} and (string.trim(OBX-5.3) = ':' or string.trim(OBX-5.3) = '/')`, 'SN-ratio'));
  // `<>` (not equal) or `+` (a sum): no FHIR number type holds it, so it is kept as text.
  const snText = "OBX-2 = 'SN' and (string.trim(OBX-5.1) = '<>' or string.trim(OBX-5.3) = '+')";
  b.set('Observation.value[x]:valueString', b.cond(snText, b.fnMany('string.concat', 'values', [b.src('OBX-5.1'), b.src('OBX-5.2'), b.src('OBX-5.3'), b.src('OBX-5.4'), b.src('OBX-6.1')], 'SN-text', { separator: ' ' }), 'is-SN-text'), 1);

  b.set('Observation.value[x]:valueString', b.cond("OBX-2 = 'ST' or OBX-2 = 'TX' or OBX-2 = 'FT'", b.src('OBX-5'), 'is-text'));
  b.set('Observation.value[x]:valueCodeableConcept', b.call('CWE[CodeableConcept]', b.cond("OBX-2 = 'CWE' or OBX-2 = 'CE'", value(), 'is-coded'), 'coded-value'));
  b.set('Observation.value[x]:valueDateTime', b.call('DTM[dateTime]', b.cond("OBX-2 = 'DT' or OBX-2 = 'DTM' or OBX-2 = 'TS'", value(), 'is-date'), 'date-value'));
  return b.build();
}
