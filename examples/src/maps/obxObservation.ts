import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { interpretation, observationStatus } from '../../../shared/common/library/valueMaps';
import { obxValueTypes } from './obxValueTypes';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const dataAbsentReason = (code: string, display: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code, display }] });

/** Text types keep every repetition in one string; any other type with several repetitions is one component each (IG: OBX[Observation-Component]). */
const ONE_VALUE = "logic.count(OBX-5) <= 1 or OBX-2 = 'ST' or OBX-2 = 'TX' or OBX-2 = 'FT' or OBX-2 = null";

/**
 * OBX[Observation] (IG "HL7 Segment - FHIR R4_ OBX[Observation]"): code, the value
 * (OBX[Observation-value], or one component per repetition: OBX[Observation-Component]), status,
 * why a value is absent, effective time, reference range, interpretation. Subject, encounter,
 * notes and performers are the message map's.
 */
export function obxObservation(): MapDefinition {
  const b = new MapBuilder('OBX[Observation]', 'segment', hl7Segment('OBX'), fhirResource('Observation'))
    .describe('OBX → Observation', 'One observation from an OBX segment, as the IG\'s OBX[Observation] map says.');
  b.set('Observation.code', b.call('CWE[CodeableConcept]', b.src('OBX-3'), 'observation-code'));
  // Observation.code is required; an OBX without OBX-3 (malformed but real) says so with a
  // data-absent-reason instead of inventing a code.
  b.set('Observation.code', b.cond('OBX-3 = null', b.constant({ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] }, 'code-absent'), 'no-observation-code'), 1);
  b.set('Observation', b.call('OBX[Observation-value]', b.cond(ONE_VALUE, b.src('OBX'), 'one-value'), 'value'));
  b.set('Observation', b.call('OBX[Observation-Component]', b.cond(`not (${ONE_VALUE})`, b.src('OBX'), 'repeating-value'), 'components'));

  // Status by table 0085 (every code has an answer; a local one is unknown); X keeps its v2 code beside `cancelled` (IG).
  b.set('Observation.status', b.fnMany('logic.coalesce', 'values', [b.map(observationStatus.id, b.src('OBX-11'), 'code', 'observation-status'), b.constant('unknown', 'status-unknown')], 'status'));
  b.set('Observation.status.extension', b.cond("OBX-11 = 'X'", b.constant({ url: 'http://hl7.org/fhir/StructureDefinition/alternate-codes', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0085', code: 'X' }] } }, 'status-x'), 'cannot-be-obtained'));

  // A result without a value says why, so that none reads as a finished result with its value lost:
  // N not asked (IG), X not performed (IG: cannot-be-obtained, which R4 has not), I and O not yet
  // resulted and D/W withdrawn (their status says it), anything else unknown.
  const noValue = 'logic.count(OBX-5) = 0';
  b.set('Observation.dataAbsentReason', b.cond(`${noValue} and OBX-11 = 'N'`, b.constant(dataAbsentReason('not-asked', 'Not Asked'), 'not-asked'), 'if-not-asked'));
  b.set('Observation.dataAbsentReason', b.cond(`${noValue} and OBX-11 = 'X'`, b.constant(dataAbsentReason('not-performed', 'Not Performed'), 'not-performed'), 'if-cancelled'), 1);
  const resulted = "OBX-11 != 'N' and OBX-11 != 'X' and OBX-11 != 'I' and OBX-11 != 'O' and OBX-11 != 'D' and OBX-11 != 'W'";
  b.set('Observation.dataAbsentReason', b.cond(`${noValue} and ${resulted}`, b.constant(dataAbsentReason('unknown', 'Unknown'), 'unknown'), 'if-resulted-without-value'), 2);

  b.set('Observation.effective[x]:effectiveDateTime', b.call('DTM[dateTime]', b.src('OBX-14'), 'observed'));
  b.set('Observation.referenceRange.text', b.src('OBX-7'));

  // Every OBX-8 flag: a table 0078 code as its v3 interpretation; any other (a local code) kept
  // as the sender coded it (CWE[CodeableConcept]) with its text (OBX-8.2, else the code).
  b.each('Observation.interpretation', b.cond('OBX-8.1 != null', b.src('OBX-8'), 'has-interpretation'));
  const mapped = b.map(interpretation.id, b.src('OBX-8.1'), 'coding', 'interpretation');
  b.set('Observation.interpretation.coding', mapped);
  b.set('Observation.interpretation', b.fn('logic.if', { condition: mapped, else: b.call('CWE[CodeableConcept]', b.src('OBX-8'), 'local-flag') }, undefined, 'unless-mapped'), 1);
  b.set('Observation.interpretation.text', b.fn('logic.if', { condition: mapped, else: b.fnMany('logic.coalesce', 'values', [b.src('OBX-8.2'), b.src('OBX-8.1')], 'flag-text') }, undefined, 'text-unless-mapped'), 2);
  return b.build();
}

/**
 * OBX[Observation-Component] (IG "HL7 Segment - FHIR R4_ OBX[Observation-Component]"): an OBX-5
 * that repeats (`60~120`) is one component per repetition, each with OBX-3 as its code and its
 * value as OBX[Observation-value] makes a single one.
 */
export function obxObservationComponent(): MapDefinition {
  const b = new MapBuilder('OBX[Observation-Component]', 'segment', hl7Segment('OBX'), fhirResource('Observation'))
    .describe('OBX-5 repetitions → components', 'One Observation.component per OBX-5 repetition: OBX-3 as its code, the repetition as its value.');
  b.each('Observation.component', b.src('OBX-5'));
  b.set('Observation.component.code', b.call('CWE[CodeableConcept]', b.src('OBX-3'), 'component-code'));
  b.set('Observation.component', b.call('OBX[Observation-value]', b.src('OBX'), 'component-value'));
  return b.build();
}

/**
 * OBX[Observation-value]: the value of OBX-5 (of the current repetition inside a component) by
 * OBX-2, as the IG's OBX-5 rows say: NM → a Quantity with OBX-6 units, SN → a Quantity, Range or
 * Ratio (or text for `<>` and `+`), NR → a Range, CQ → a Quantity, ST/TX/FT → text (every
 * repetition a line, FT and TX formatting decoded), VR → text, CWE/CE/CNE/CF/IS/ID → a
 * CodeableConcept, DT/DTM/TS → a dateTime, TM → a time, DR → a Period, ED/RP → an Attachment in
 * the R5 Observation.value extension. Any other type is refused (obxValueTypes).
 */
export function obxObservationValue(): MapDefinition {
  const b = new MapBuilder('OBX[Observation-value]', 'segment', hl7Segment('OBX'), fhirResource('Observation'))
    .describe('OBX-5 → Observation.value[x]', 'The value of an observation by its type in OBX-2, with OBX-6 units.');
  const value = (types: string, stem: string) => b.cond(types.split(' ').map((t) => `OBX-2 = '${t}'`).join(' or '), b.src('OBX-5'), stem);
  const units = (expression: string, stem: string) => b.call('CWE[Quantity]', b.cond(expression, b.src('OBX-6'), `${stem}-units`), `${stem}-unit`);

  b.set('Observation.value[x]:valueQuantity', b.call('NM[Quantity]', value('NM', 'is-NM'), 'NM'));
  b.set('Observation.value[x]:valueQuantity', units("OBX-2 = 'NM' and OBX-5 != null", 'NM'));

  // A structured numeric: each SN map writes only for its kind (a number, a range, a ratio).
  const sn = value('SN', 'is-SN');
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

  b.set('Observation.value[x]:valueQuantity', b.call('CQ[Quantity]', value('CQ', 'is-CQ'), 'CQ'), 2);
  b.set('Observation.value[x]:valueRange', b.call('NR[Range]', value('NR', 'is-NR'), 'NR'), 1);

  // Text: every repetition is a line (`line~line`); FT and TX formatting commands become text.
  // An OBX without OBX-2 (malformed) keeps its value as text rather than losing it.
  b.set('Observation.value[x]:valueString', b.cond("OBX-2 = 'ST' or OBX-2 = null", b.fn('string.formattedText', { value: b.src('OBX-5') }, { commands: false }, 'lines'), 'is-ST'));
  b.set('Observation.value[x]:valueString', b.cond("OBX-2 = 'TX' or OBX-2 = 'FT'", b.fn('string.formattedText', { value: b.src('OBX-5') }, undefined, 'formatted'), 'is-formatted-text'));
  b.set('Observation.value[x]:valueString', b.cond("OBX-2 = 'VR'", b.fnMany('string.concat', 'values', [b.src('OBX-5.1'), b.src('OBX-5.2')], 'VR-text', { separator: '-' }), 'is-VR'), 2);

  b.set('Observation.value[x]:valueCodeableConcept', b.call('CWE[CodeableConcept]', value('CWE CF', 'is-CWE'), 'CWE-value'));
  b.set('Observation.value[x]:valueCodeableConcept', b.call('CE[CodeableConcept]', value('CE', 'is-CE'), 'CE-value'));
  b.set('Observation.value[x]:valueCodeableConcept', b.call('CNE[CodeableConcept]', value('CNE', 'is-CNE'), 'CNE-value'));
  b.set('Observation.value[x]:valueCodeableConcept', b.call('IS[CodeableConcept]', value('IS ID', 'is-IS'), 'IS-value'));
  b.set('Observation.value[x]:valueDateTime', b.call('DTM[dateTime]', value('DT DTM', 'is-DTM'), 'DTM-value'));
  b.set('Observation.value[x]:valueDateTime', b.call('TS[dateTime]', value('TS', 'is-TS'), 'TS-value'));
  b.set('Observation.value[x]:valueTime', b.call('TM[time]', value('TM', 'is-TM'), 'TM-value'));
  b.set('Observation.value[x]:valuePeriod', b.call('DR[Period]', value('DR', 'is-DR'), 'DR-value'));

  // ED and RP: R4's value[x] has no Attachment; the R5 value travels in its cross-version extension.
  const attachment = b.fnMany('logic.coalesce', 'values', [b.call('ED[Attachment]', value('ED', 'is-ED'), 'ED-value'), b.call('RP[Attachment]', value('RP', 'is-RP'), 'RP-value')], 'attachment');
  b.set('Observation.extension.url', b.fn('logic.if', { condition: attachment, then: b.constant('http://hl7.org/fhir/5.0/StructureDefinition/extension-Observation.value', 'R5-value') }, undefined, 'if-attachment'));
  b.set('Observation.extension.value[x]:valueAttachment', attachment);

  // A type no link above reads fails rather than vanishing (obxValueTypes' policy is error), and so
  // does an attachment that cannot be read: the check runs for every valued OBX-5, writes nothing,
  // and fails where the value is, so that with valueErrors "absent" the Observation says why it has none.
  const checked = b.fnMany('logic.coalesce', 'values', [b.map(obxValueTypes.id, b.cond('OBX-5 != null', b.src('OBX-2'), 'has-value'), 'code', 'value-type'), attachment], 'value-check');
  b.set('Observation.value[x]:valueString', b.cond('$in = null', checked, 'type-is-mapped'), 3);
  return b.build();
}
