import { z } from 'zod';

// What a map reads and what it writes. An HL7 v2 input is a whole message (a message map), one
// segment (a segment map) or one composite (a data type map); a FHIR output is a resource or a
// data type (complex or primitive).

const hl7Version = z.string().regex(/^2\.\d+(\.\d+)?$/, 'An HL7 v2 version looks like 2.5.1.');

export const hl7v2SchemaRefSchema = z.object({
  standard: z.literal('hl7v2'),
  /** The version the map was designed against (`2.5.1`); messages of other 2.x versions are read the same way. */
  version: hl7Version,
  /** A message structure as the standard names it (`ADT_A01`, `ORU_R01`): the input of a message map. */
  structure: z.string().regex(/^[A-Z0-9]{3}_[A-Z0-9]{2,3}$/, 'A message structure looks like ADT_A01.').optional(),
  /** One segment (`PID`): the input of a segment map. */
  segment: z.string().regex(/^[A-Z][A-Z0-9]{2}$/, 'A segment id is three capitals or digits such as PID.').optional(),
  /** One composite data type (`CX`, `XPN`, `CWE`): the input of a data type map. */
  datatype: z.string().regex(/^[A-Z][A-Z0-9]{1,3}$/, 'A data type is two to four capitals or digits such as CX.').optional(),
}).strict().refine((ref) => [ref.structure, ref.segment, ref.datatype].filter((x) => x !== undefined).length === 1, {
  message: 'An HL7 v2 schema names exactly one of structure, segment or datatype.',
}).meta({ description: 'An HL7 v2 message structure, segment or data type.' });

export const fhirSchemaRefSchema = z.object({
  standard: z.literal('fhir-r4'),
  /** A resource type (`Patient`, `Observation`): what a message map's target or a segment map writes. */
  resource: z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'A FHIR resource type looks like Patient.').optional(),
  /** A data type (`Identifier`, `HumanName`, `dateTime`): what a data type map writes. */
  type: z.string().regex(/^[A-Za-z][A-Za-z]{1,63}$/, 'A FHIR data type looks like Identifier or dateTime.').optional(),
  /**
   * The profile the output is meant to conform to, by canonical URL
   * (`http://hl7.org/fhir/StructureDefinition/bp`): coverage lists the elements it requires or
   * marks must-support that no link writes. The engine writes the same either way.
   */
  profile: z.string().regex(/^https?:\/\/[^\s|]{1,500}$/, 'A profile is a canonical URL such as http://hl7.org/fhir/StructureDefinition/bp.').optional(),
}).strict().refine((ref) => (ref.resource === undefined) !== (ref.type === undefined), {
  message: 'A FHIR schema names exactly one of resource or type.',
}).meta({ description: 'A FHIR R4 resource type or data type.' });

export const inferredSchemaRefSchema = z.object({
  standard: z.enum(['json', 'csv']),
  /** The sample the schema was inferred from, kept so the studio can redraw the tree. */
  sample: z.string().optional(),
}).strict().meta({ description: 'A JSON document or CSV file whose schema is inferred from a sample.' });

export const schemaRefSchema = z.discriminatedUnion('standard', [hl7v2SchemaRefSchema, fhirSchemaRefSchema, inferredSchemaRefSchema]);
export type SchemaRef = z.infer<typeof schemaRefSchema>;
export type Hl7v2SchemaRef = z.infer<typeof hl7v2SchemaRefSchema>;
export type FhirSchemaRef = z.infer<typeof fhirSchemaRefSchema>;

/** The FHIR type a target writes (`Patient`, `Identifier`), or undefined for a non-FHIR schema. */
export function fhirTypeOf(ref: SchemaRef): string | undefined {
  return ref.standard === 'fhir-r4' ? (ref.resource ?? ref.type) : undefined;
}

/** What an HL7 v2 input is: a message, a segment or a composite, and its name. */
export function hl7InputOf(ref: SchemaRef): { level: 'message' | 'segment' | 'datatype'; name: string; version: string } | undefined {
  if (ref.standard !== 'hl7v2') return undefined;
  if (ref.structure !== undefined) return { level: 'message', name: ref.structure, version: ref.version };
  if (ref.segment !== undefined) return { level: 'segment', name: ref.segment, version: ref.version };
  return { level: 'datatype', name: ref.datatype as string, version: ref.version };
}
