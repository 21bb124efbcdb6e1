import type { From, SpecBuilder } from './SpecBuilder';
import * as maps from '../../shared/common/library/valueMaps/index';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * OBX → Observation (IG OBX[Observation]), one per OBX segment, as both example mappings draw it:
 * code, status via table 0085, value[x] chosen by OBX-2 as the IG's OBX-5 rows say, units,
 * reference range, interpretation via table 0078, effective time, subject and (when given)
 * encounter. The value maps it uses must be in the spec.
 */
export function observationsFromObx(b: SpecBuilder, observation: string, patientRef: From, encounterRef?: From): void {
  const src = (path: string): From => b.src(path);
  const fn = (id: string, inputs: Record<string, From>, stem: string): From => b.fn(id, inputs, undefined, stem);
  b.each(observation, 'Observation', src('OBX'));
  b.set(observation, 'Observation.status', b.fnMany('logic.coalesce', 'values', [b.map(maps.observationStatus.id, src('OBX-11'), 'code', 'observation-status'), b.constant('unknown', 'status-unknown')], 'status'));
  b.set(observation, 'Observation.code', fn('code.codeableConceptFromCwe', { cwe: src('OBX-3') }, 'observation-code'));
  // Observation.code is required; an OBX without OBX-3 (a malformed but real message) says so
  // with a data-absent-reason instead of inventing a code.
  b.set(observation, 'Observation.code', b.cond('OBX-3 = null', b.constant({ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] }, 'code-absent'), 'no-observation-code'), 1);
  b.set(observation, 'Observation.subject', patientRef);
  if (encounterRef !== undefined) b.set(observation, 'Observation.encounter', encounterRef);
  b.set(observation, 'Observation.effective[x]:effectiveDateTime', fn('date.hl7ToFhirDateTime', { value: src('OBX-14') }, 'dateTime-OBX-14'));
  // value[x] by OBX-2, as the IG's OBX-5 rows say.
  b.set(observation, 'Observation.value[x]:valueQuantity', fn('datatype.quantityFromNm', { value: b.cond("OBX-2 = 'NM'", src('OBX-5'), 'is-NM'), units: src('OBX-6') }, 'NM-quantity'));
  b.set(observation, 'Observation.value[x]:valueString', b.cond("OBX-2 = 'ST' or OBX-2 = 'TX' or OBX-2 = 'FT'", src('OBX-5'), 'is-text'));
  b.set(observation, 'Observation.value[x]:valueCodeableConcept', b.cond("OBX-2 = 'CWE' or OBX-2 = 'CE'", fn('code.codeableConceptFromCwe', { cwe: src('OBX-5') }, 'value-concept'), 'is-coded'));
  b.set(observation, 'Observation.value[x]:valueDateTime', fn('date.hl7ToFhirDateTime', { value: b.cond("OBX-2 = 'DT' or OBX-2 = 'DTM' or OBX-2 = 'TS'", src('OBX-5'), 'is-date') }, 'value-dateTime'));
  const snIs = (kind: string): string => `OBX-2 = 'SN' and datatype.snKind(OBX-5) = '${kind}'`;
  b.set(observation, 'Observation.value[x]:valueQuantity', b.cond(snIs('Quantity'), fn('datatype.quantityFromSn', { sn: src('OBX-5'), units: src('OBX-6') }, 'SN-quantity'), 'is-SN-quantity'), 1);
  b.set(observation, 'Observation.value[x]:valueRange', b.cond(snIs('Range'), fn('datatype.rangeFromSn', { sn: src('OBX-5'), units: src('OBX-6') }, 'SN-range'), 'is-SN-range'));
  b.set(observation, 'Observation.value[x]:valueRatio', b.cond(snIs('Ratio'), fn('datatype.ratioFromSn', { sn: src('OBX-5'), units: src('OBX-6') }, 'SN-ratio'), 'is-SN-ratio'));
  b.set(observation, 'Observation.value[x]:valueString', b.cond(snIs('string'), b.fnMany('string.concat', 'values', [src('OBX-5.1'), src('OBX-5.2'), src('OBX-5.3'), src('OBX-5.4'), src('OBX-6.1')], 'SN-text', { separator: ' ' }), 'is-SN-text'), 1);
  b.each(observation, 'Observation.interpretation', b.cond('OBX-8.1 != null', src('OBX-8'), 'has-interpretation'));
  b.set(observation, 'Observation.interpretation.coding', b.map(maps.interpretation.id, src('OBX-8.1'), 'coding', 'interpretation'));
  b.set(observation, 'Observation.referenceRange.text', src('OBX-7'));
}
