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

/**
 * A field of an inferred schema, set by the author: its type where the sample says otherwise or
 * nothing (a column of codes that look like numbers is `string`), or a field the sample lacks.
 */
export const sourceFieldSchema = z.object({
  /** The field's path in the schema tree (`$.readings.systolic`, `$["Family Name"]`). */
  path: z.string().min(1).max(300).regex(/^\$/, 'A field path starts with $, as the schema tree writes it.'),
  type: z.enum(['string', 'number', 'boolean', 'date', 'dateTime', 'object']),
  /** An array of values or objects (JSON). */
  repeating: z.boolean().optional(),
}).strict();
export type SourceField = z.infer<typeof sourceFieldSchema>;

const sampleSchema = z.string().max(1_000_000).optional();

/** A JSON document (a message map's input, read whole) or one value inside one (the input of a map it calls). */
export const jsonSchemaRefSchema = z.object({
  standard: z.literal('json'),
  /** The sample the schema is inferred from, kept so the studio can redraw the tree. */
  sample: sampleSchema,
  fields: z.array(sourceFieldSchema).max(10_000).optional(),
}).strict().meta({ description: 'A JSON document whose schema is inferred from a sample (and the fields the author set).' });

/** A CSV file: a header row names the columns; each row (or the whole file) is one message. */
export const csvSchemaRefSchema = z.object({
  standard: z.literal('csv'),
  sample: sampleSchema,
  /** One character (`,` by default; `;`, a tab, `|`). */
  delimiter: z.string().length(1, 'A CSV delimiter is one character.').refine((d) => d !== '"' && d !== '\r' && d !== '\n', 'A CSV delimiter cannot be a quote or a line break.').optional(),
  /** The line of the header record (1 by default); records above it are skipped. */
  headerRow: z.number().int().min(1).max(100_000).optional(),
  /** `row` (default): each row is one message; `file`: the whole file is one message whose `$` iterates the rows. */
  messages: z.enum(['row', 'file']).optional(),
  fields: z.array(sourceFieldSchema).max(10_000).optional(),
}).strict().meta({ description: 'A CSV file whose columns come from its header row and a sample (and the fields the author set).' });

/** Either schema inferred from a sample. */
export const inferredSchemaRefSchema = z.union([jsonSchemaRefSchema, csvSchemaRefSchema]);

export const schemaRefSchema = z.discriminatedUnion('standard', [hl7v2SchemaRefSchema, fhirSchemaRefSchema, jsonSchemaRefSchema, csvSchemaRefSchema]);
export type SchemaRef = z.infer<typeof schemaRefSchema>;
export type JsonSchemaRef = z.infer<typeof jsonSchemaRefSchema>;
export type CsvSchemaRef = z.infer<typeof csvSchemaRefSchema>;
/** A source whose schema is inferred: JSON or CSV. */
export type InferredSchemaRef = JsonSchemaRef | CsvSchemaRef;
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
