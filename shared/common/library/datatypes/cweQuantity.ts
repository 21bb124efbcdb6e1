import { MapBuilder, fhirType, hl7Datatype } from '../../mapping/build/MapBuilder';

/**
 * CWE[Quantity] — IG table "HL7 Data Type - FHIR R4_ CWE[Quantity] - Sheet1.csv": the unit part
 * of a Quantity from a units field (OBX-6); its value comes from NM[Quantity] or SN[Quantity].
 * unit is CWE.2, else CWE.1; system and code are CWE.3 (as a URI) and CWE.1. Deviations
 * (libraryMaps.ts): a unit sent without a coding system, or with a legacy unit table (ISO+,
 * ANSI), that is recognisably UCUM gets the UCUM system and code (unit.ucumCode), a UCUM code is
 * written the way UCUM spells it, and UCUM is claimed only for a unit that is valid UCUM as sent
 * or that the legacy unit table maps (`ML` → `mL`, not megalitre); a code is never written
 * without its system (qty-3).
 */
function build() {
  const b = new MapBuilder('CWE[Quantity]', 'datatype', hl7Datatype('CWE'), fhirType('Quantity'))
    .describe('CWE → Quantity units', 'The unit, system and code of a Quantity from a units field (OBX-6): UCUM where the unit is UCUM or recognisably so.');
  const code = b.fn('string.trim', { value: b.src('CWE.1') }, undefined, 'code');
  b.set('Quantity.unit', code);
  b.set('Quantity.unit', b.fn('string.trim', { value: b.src('CWE.2') }, undefined, 'text'), 1);
  // A units field called UCUM gets its system only with a UCUM code (below), never with a code UCUM does not know.
  const system = b.cond("string.trim(CWE.1) != null and unit.systemUri(CWE.3) != 'http://unitsofmeasure.org'", b.fn('unit.systemUri', { name: b.src('CWE.3') }, undefined, 'system'), 'if-code');
  b.set('Quantity.system', system);
  b.set('Quantity.code', b.fn('logic.if', { condition: system, then: code }, undefined, 'code-with-system'));
  const ucum = b.fn('unit.ucumCode', { unit: code, system: b.src('CWE.3') }, undefined, 'ucum');
  b.set('Quantity.system', b.fn('logic.if', { condition: ucum, then: b.constant('http://unitsofmeasure.org', 'ucum-system') }, undefined, 'if-ucum'), 1);
  b.set('Quantity.code', ucum, 1);
  return b.build();
}

export const cweQuantity = build();
