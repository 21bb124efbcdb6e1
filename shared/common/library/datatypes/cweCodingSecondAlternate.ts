import { cweCodingMap } from './cweCoding';

/** CWE[Coding-SecondAlternate]: the third coding of CWE[CodeableConcept] (its IG rows CWE.10–CWE.13 → coding[3]). */
export const cweCodingSecondAlternate = cweCodingMap('CWE[Coding-SecondAlternate]', { code: 10, display: 11, system: 12, version: 13 }, 'CWE → Coding (second alternate)',
  'A Coding from the second alternate triplet of a coded element: CWE.10 code, CWE.11 display, CWE.12 coding system, CWE.13 version.');
