import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';
import type { MapDefinition } from '../../mapping/spec/MappingSpec';

/** The components of one CWE triplet and its version: code, display, coding system, version. */
export interface CweTriplet {
  code: number;
  display: number;
  system: number;
  version: number;
}

/**
 * A Coding from one triplet of a CWE: the code (trimmed), its display, the coding system name as
 * a URI (code.systemUri: LN → http://loinc.org; none for a local name) and the version; nothing
 * without a code or a display. CWE[Coding] reads the first triplet; CWE[CodeableConcept] takes
 * its other codings from the same map drawn over the other triplets.
 */
export function cweCodingMap(id: string, t: CweTriplet, label: string, description: string): MapDefinition {
  const b = new MapBuilder(id, 'datatype', hl7Datatype('CWE'), fhirType('Coding'))
    .describe(label, description)
    .when(`string.trim(CWE.${t.code}) != null or CWE.${t.display} != null`);
  b.set('Coding.code', b.fn('string.trim', { value: b.src(`CWE.${t.code}`) }, undefined, 'code'));
  b.set('Coding.display', b.src(`CWE.${t.display}`));
  b.set('Coding.system', b.fn('code.systemUri', { name: b.src(`CWE.${t.system}`) }, undefined, 'system'));
  b.set('Coding.version', b.src(`CWE.${t.version}`));
  return b.build();
}

/**
 * CWE[Coding] — IG table "HL7 Data Type - FHIR R4_ CWE[Coding] - Sheet1.csv". The coding system
 * name becomes its URI through code.systemUri, as the IG's comment on CWE.3 says; a local name
 * (99zzz) gives no system rather than a non-URI.
 */
export const cweCoding = cweCodingMap('CWE[Coding]', { code: 1, display: 2, system: 3, version: 7 }, 'CWE → Coding',
  'A Coding from the first triplet of a coded element: CWE.1 code, CWE.2 display, CWE.3 coding system (as a URI; none for a local name), CWE.7 version.');
