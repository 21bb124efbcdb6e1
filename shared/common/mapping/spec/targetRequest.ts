import { z } from 'zod';

/**
 * A search parameter of the target's resource, by its FHIR R4 code (`identifier`). Its values are
 * read from the resource the mapping built, along the parameter's own FHIRPath expression, so the
 * search finds exactly what a server indexes for that resource.
 */
export const requestSearchSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'A search parameter is a FHIR code such as identifier or value-quantity.'),
  /**
   * Only the identifiers of this type code (`FILL`) give values: a report is found by its filler
   * order number, never by a placer number other reports of the same order share.
   */
  ofType: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'An identifier type is a code such as FILL or MR.').optional(),
}).strict();
export type RequestSearch = z.infer<typeof requestSearchSchema>;

/**
 * The transaction request of each entry of a message-map target (docs/mapping-spec.md, "Requests").
 * POST creates; with `search` it creates only when no resource matches (`ifNoneExist`). PUT writes
 * the resource by its deterministic id; with `search` it updates the one resource that matches, or
 * creates it (`PUT Patient?identifier=…`). Replaying a message then changes nothing twice.
 */
export const targetRequestSchema = z.object({
  method: z.enum(['POST', 'PUT']),
  /** The search that makes the request conditional: every parameter must match (`&`); a parameter with several values matches any of them (`,`). */
  search: z.array(requestSearchSchema).min(1).max(8).optional(),
  /**
   * When the search finds no value in a resource (a Patient without identifiers): `fail` (the
   * default) fails the message with REQUEST_NO_SEARCH_VALUE; `create` writes it unconditionally
   * (POST, or PUT by its deterministic id), knowing a replay may then create it again.
   */
  otherwise: z.enum(['fail', 'create']).optional(),
  /**
   * Resources of this target that are one record within a message: the same search (or, without
   * one, the same content). `merge` writes the first once and points every reference at it (one
   * Practitioner named twice); `fail` (the default) accepts the same search only with the same
   * content and otherwise fails the message with REQUEST_SAME_RECORD.
   */
  sameRecord: z.enum(['fail', 'merge']).optional(),
}).strict().refine((request) => request.otherwise === undefined || request.search !== undefined, {
  message: 'otherwise says what to do when the search has no value, so it needs a search.',
  path: ['otherwise'],
});
export type TargetRequest = z.infer<typeof targetRequestSchema>;
