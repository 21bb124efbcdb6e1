import { z } from 'zod';
import { equivalenceValues } from './equivalence';
import { rowReviewSchema } from './rowReview';

/**
 * A value map: a table source code → target code (+ display, system) with an explicit policy
 * for codes that are not in the table. Stored in mapping specs and bundles, edited in the
 * studio's value-map editor, exported as a FHIR R4 ConceptMap or CSV.
 */

export { equivalenceValues, type Equivalence } from './equivalence';

export const valueMapEntrySchema = z.object({
  /** The source code exactly as it arrives (v2 codes are case sensitive). */
  source: z.string().min(1, 'An entry needs a source code.'),
  target: z.string().min(1, 'An entry needs a target code.'),
  display: z.string().optional(),
  /** Overrides the map's targetSystem for this entry. */
  system: z.string().optional(),
  /** Why the row maps as it does (ConceptMap `target.comment`); review discussion goes in `review.comments`. */
  comment: z.string().optional(),
  /** R4 ConceptMap equivalence; absent is `equivalent`. */
  equivalence: z.enum(equivalenceValues).optional(),
  /** The row's review state (rowReview.ts); absent is unreviewed. */
  review: rowReviewSchema.optional(),
}).strict();
export type ValueMapEntry = z.infer<typeof valueMapEntrySchema>;

/**
 * What happens to a source code that is not in the table:
 * - default: emit the given code (e.g. `unknown`);
 * - passthrough: emit the source code unchanged (in the target system);
 * - empty: emit nothing (the target element stays absent);
 * - error: the message fails with VALUEMAP_UNMAPPED naming the map; the code is its detail
 *   (--errors report, studio preview), never in the sentence, since it may be patient data.
 * An absent source value (undefined or '') is not an unmapped code: it yields no value under
 * every policy; link a logic.coalesce in front of the map to supply one.
 */
export const unmappedPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default'), code: z.string().min(1), display: z.string().optional(), system: z.string().optional() }).strict(),
  z.object({ kind: z.literal('passthrough') }).strict(),
  z.object({ kind: z.literal('empty') }).strict(),
  z.object({ kind: z.literal('error') }).strict(),
]);
export type UnmappedPolicy = z.infer<typeof unmappedPolicySchema>;

export const valueMapSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'A value map id is 1 to 64 letters, digits, "-" or ".".'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Code system URI of the source codes (e.g. http://terminology.hl7.org/CodeSystem/v2-0001). */
  sourceSystem: z.string().optional(),
  /** Code system URI of the target codes (e.g. http://hl7.org/fhir/administrative-gender). */
  targetSystem: z.string().optional(),
  entries: z.array(valueMapEntrySchema),
  unmapped: unmappedPolicySchema,
}).strict().superRefine((map, ctx) => {
  const seen = new Set<string>();
  map.entries.forEach((entry, index) => {
    if (seen.has(entry.source)) {
      ctx.addIssue({ code: 'custom', path: ['entries', index, 'source'], message: `The source code "${entry.source}" appears more than once.` });
    }
    seen.add(entry.source);
  });
});
export type ValueMap = z.infer<typeof valueMapSchema>;
