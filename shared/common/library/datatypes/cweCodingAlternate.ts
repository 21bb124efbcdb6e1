import { cweCodingMap } from './cweCoding';

/**
 * CWE[Coding-Alternate]: the second coding of CWE[CodeableConcept] (its IG rows CWE.4–CWE.6 and
 * CWE.8 → coding[2]), a map of its own because each coding is one item of CodeableConcept.coding.
 */
export const cweCodingAlternate = cweCodingMap('CWE[Coding-Alternate]', { code: 4, display: 5, system: 6, version: 8 }, 'CWE → Coding (alternate)',
  'A Coding from the alternate triplet of a coded element: CWE.4 code, CWE.5 display, CWE.6 coding system, CWE.8 version.');
