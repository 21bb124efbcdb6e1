/** One problem the validator found. Messages name the element, never the value (it may be patient data). */
export interface FhirIssue {
  severity: 'error' | 'warning';
  code: FhirIssueCode;
  /** One plain sentence. */
  message: string;
  /** FHIRPath-like, 0-based indexes: `Bundle.entry[0].resource.name[0].family`. */
  path: string;
  /** What would have been valid: `1..1`, `date (YYYY, YYYY-MM or YYYY-MM-DD)`, a value set URL. */
  expected?: string;
}

export type FhirIssueCode =
  | 'cardinality' // too few or too many, or an empty array
  | 'type' // JSON shape does not fit the element's type (object vs primitive vs array)
  | 'format' // a primitive value that breaks its type's format
  | 'binding' // a code outside a required value set
  | 'unknown-element' // a property the definition does not have
  | 'choice' // more than one variant of a value[x]
  | 'unknown-type' // a resourceType that is not known or not loaded
  | 'empty' // null, or an object with no content
  | 'reference' // in a Bundle: a urn reference to no entry, or a repeated fullUrl
  | 'invariant'; // a data type rule: cpt-2, qty-3, per-1
