import type { ValueMap } from '../../../shared/common/valuemaps/ValueMap';

/**
 * The OBX-2 value types the examples' OBX maps write a value for, each with the Observation
 * element it becomes (HL7 table 0125 → value[x], as the IG's OBX[Observation] rows say). Its
 * unmapped policy is `error`: a result of a type no map reads (NA, EI, XPN …) fails the message
 * (or, with `valueErrors: "absent"`, is left absent with a warning) instead of vanishing.
 */
export const obxValueTypes: ValueMap = {
  id: 'v2-0125-observation-value',
  name: 'Value type (v2 0125) → Observation.value[x] the OBX maps write',
  description: 'Which OBX-2 value types OBX[Observation-value] maps, and to what. A type not listed fails the message rather than losing the value.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0125',
  entries: [
    { source: 'NM', target: 'valueQuantity', comment: 'NM[Quantity] with OBX-6 units (CWE[Quantity]).' },
    { source: 'SN', target: 'valueQuantity', comment: 'SN[Quantity], SN[Range] or SN[Ratio] by SN.3; valueString for <> and +.' },
    { source: 'CQ', target: 'valueQuantity', comment: 'Not in the IG OBX rows: CQ[Quantity], the quantity with its own units.' },
    { source: 'NR', target: 'valueRange', comment: 'NR[Range].' },
    { source: 'ST', target: 'valueString', comment: 'As sent; repetitions joined by line breaks.' },
    { source: 'TX', target: 'valueString', comment: 'Formatting decoded; each repetition a line.' },
    { source: 'FT', target: 'valueString', comment: 'Formatting (\\.br\\, \\.sp\\, \\.in\\ …) decoded; each repetition a line.' },
    { source: 'VR', target: 'valueString', comment: 'OBX-5.1 "-" OBX-5.2, as the IG writes it.' },
    { source: 'CWE', target: 'valueCodeableConcept', comment: 'CWE[CodeableConcept].' },
    { source: 'CE', target: 'valueCodeableConcept', comment: 'CE[CodeableConcept].' },
    { source: 'CNE', target: 'valueCodeableConcept', comment: 'CNE[CodeableConcept].' },
    { source: 'CF', target: 'valueCodeableConcept', comment: 'The IG names CF[CodeableConcept]; read as CWE[CodeableConcept] (CF is a CWE whose text is formatted).' },
    { source: 'IS', target: 'valueCodeableConcept', comment: 'IS[CodeableConcept].' },
    { source: 'ID', target: 'valueCodeableConcept', comment: 'Not in the IG OBX rows: an HL7-table code, read as IS[CodeableConcept] (the IG\'s ID[CodeableConcept] has the same one row).' },
    { source: 'DT', target: 'valueDateTime', comment: 'DTM[dateTime], at the precision sent.' },
    { source: 'DTM', target: 'valueDateTime', comment: 'DTM[dateTime].' },
    { source: 'TS', target: 'valueDateTime', comment: 'TS[dateTime] (v2.5 and before).' },
    { source: 'TM', target: 'valueTime', comment: 'TM[time].' },
    { source: 'DR', target: 'valuePeriod', comment: 'DR[Period].' },
    { source: 'ED', target: 'extension-Observation.value', comment: 'ED[Attachment] in the R5 cross-version extension Observation.value (valueAttachment), as the IG asks for a valueAttachment.' },
    { source: 'RP', target: 'extension-Observation.value', comment: 'RP[Attachment] in the same extension.' },
  ],
  unmapped: { kind: 'error' },
};
