import { z } from 'zod';
import { equivalenceValues } from '../valuemaps/equivalence';
import { reviewerNameSchema, reviewStatusValues, rowContentSchema } from '../valuemaps/rowReview';

/** Who acts: the reviewer name and role from the workspace settings (the OS user name by default). */
export const reviewerRoleValues = ['author', 'reviewer'] as const;
export type ReviewerRole = (typeof reviewerRoleValues)[number];
export const reviewerSchema = z.object({ name: reviewerNameSchema, role: z.enum(reviewerRoleValues) }).strict();
export type Reviewer = z.infer<typeof reviewerSchema>;

const sourcesSchema = z.array(z.string().min(1).max(1000)).min(1, 'Name at least one row by its source code.').max(10_000);
const commentText = z.string().min(1, 'A comment needs text.').max(10_000);

/** A change to a row's content; `null` removes an optional part. */
export const rowEditSchema = z.object({
  source: z.string().min(1).optional(),
  target: z.string().min(1).optional(),
  display: z.string().nullable().optional(),
  system: z.string().nullable().optional(),
  equivalence: z.enum(equivalenceValues).nullable().optional(),
  /** The row's mapping note (ConceptMap comment), not a review comment. */
  comment: z.string().nullable().optional(),
}).strict();
export type RowEdit = z.infer<typeof rowEditSchema>;

/** A new row: its content and, optionally, its mapping note. */
export const newRowSchema = rowContentSchema.extend({ comment: z.string().optional() }).strict();

/**
 * What a person does to rows of one value map. Status actions take several rows (bulk approve a
 * filtered selection with one comment); each row is decided on its own, so one refused row does
 * not stop the others.
 */
export const reviewActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve'), sources: sourcesSchema, comment: commentText.optional() }).strict(),
  z.object({ kind: z.literal('reject'), sources: sourcesSchema, comment: commentText }).strict(),
  z.object({ kind: z.literal('needs-discussion'), sources: sourcesSchema, comment: commentText }).strict(),
  z.object({ kind: z.literal('propose'), sources: sourcesSchema, comment: commentText.optional() }).strict(),
  z.object({ kind: z.literal('comment'), sources: sourcesSchema, comment: commentText }).strict(),
  z.object({ kind: z.literal('edit'), source: z.string().min(1), changes: rowEditSchema, comment: commentText.optional() }).strict(),
  z.object({ kind: z.literal('add'), entry: newRowSchema, comment: commentText.optional() }).strict(),
  z.object({ kind: z.literal('remove'), source: z.string().min(1), comment: commentText.optional() }).strict(),
]);
export type ReviewAction = z.infer<typeof reviewActionSchema>;
export type ReviewActionKind = ReviewAction['kind'];

/** One step of a row's trail, as the workspace history keeps it (plus the bundle hash and who/when). */
export const reviewEventSchema = z.object({
  valueMap: z.string(),
  source: z.string(),
  action: z.enum(['approve', 'reject', 'needs-discussion', 'propose', 'comment', 'edit', 'add', 'remove']),
  from: z.enum(reviewStatusValues),
  to: z.enum(reviewStatusValues),
  comment: z.string().optional(),
  /** For edits: what changed, old → new. */
  changes: z.array(z.object({ field: z.string(), from: z.string().optional(), to: z.string().optional() }).strict()).optional(),
  /** Approvals the row has after an approval, and how many it needs. */
  approvals: z.number().int().optional(),
  by: z.string(),
  role: z.enum(reviewerRoleValues),
  at: z.string(),
}).strict();
export type ReviewEvent = z.infer<typeof reviewEventSchema>;

/** A step as the workspace history returns it: the event, its place in the history, and the bundle's hash after it. */
export const reviewHistoryEntrySchema = reviewEventSchema.extend({ id: z.number().int(), bundleHash: z.string() }).strict();
export type ReviewHistoryEntry = z.infer<typeof reviewHistoryEntrySchema>;
