import { z } from 'zod';
import { canonicalJson } from '../bundle/canonicalJson';
import { sha256Hex } from '../bundle/sha256';
import { equivalenceValues } from './equivalence';

/**
 * The review state of one value-map row, kept in the row itself so the bundle carries it (one
 * line per row in the file, inside the hash, versioned in git with the mapping). The full trail
 * (every status change and comment) lives in the studio's workspace history; this is the current
 * state. A row without `review` is unreviewed: bundles written before rows had a review read so.
 */

/**
 * - unreviewed: nobody has looked at it (every row of an older bundle);
 * - proposed: an author says it is ready, or it awaits more approvals than it has;
 * - approved: it has the approvals the bundle's policy asks for;
 * - rejected: a reviewer says it is wrong (with a comment saying why);
 * - needs-discussion: someone raised a question (with a comment).
 */
export const reviewStatusValues = ['unreviewed', 'proposed', 'approved', 'rejected', 'needs-discussion'] as const;
export type ReviewStatus = (typeof reviewStatusValues)[number];

/** How people read each status (the report, the CLI). */
export const reviewStatusLabels: Record<ReviewStatus, string> = {
  unreviewed: 'unreviewed', proposed: 'proposed', approved: 'approved', rejected: 'rejected', 'needs-discussion': 'needs discussion',
};

const instantSchema = z.string().regex(
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
  'A review time is an ISO 8601 date-time with a timezone, e.g. 2024-05-01T09:30:00Z.',
);

/** A person as the workspace settings name them (never patient data); one line, so a row stays one line. */
export const reviewerNameSchema = z.string().min(1, 'A reviewer needs a name.').max(200, 'A reviewer name is at most 200 characters.')
  .regex(/^\S(?:[^\r\n\t]*\S)?$/, 'A reviewer name is one line, without spaces at either end.');

export const reviewApprovalSchema = z.object({
  by: reviewerNameSchema,
  at: instantSchema,
  /**
   * The digest (rowDigest) of the row as it was approved. An approval counts only while the row
   * still has that content, so a row changed outside the review model (an editor that does not
   * go through it, a hand edit sealed again) loses its approvals instead of keeping them.
   */
  row: z.string().regex(/^[0-9a-f]{12}$/, 'An approval\'s row digest is 12 hex digits.').optional(),
}).strict();
export type ReviewApproval = z.infer<typeof reviewApprovalSchema>;

export const reviewCommentSchema = z.object({
  by: reviewerNameSchema,
  at: instantSchema,
  text: z.string().min(1, 'A comment needs text.').max(10_000, 'A comment is at most 10,000 characters.'),
}).strict();
export type ReviewComment = z.infer<typeof reviewCommentSchema>;

/** What a reviewer approves: the parts of a row that decide what it maps to and what it claims. */
export const rowContentSchema = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  display: z.string().optional(),
  system: z.string().optional(),
  equivalence: z.enum(equivalenceValues).optional(),
}).strict();
export type RowContent = z.infer<typeof rowContentSchema>;
export const rowContentKeys = ['source', 'target', 'display', 'system', 'equivalence'] as const;

export const rowReviewSchema = z.object({
  status: z.enum(reviewStatusValues),
  /** Who last changed what the row maps to (added it, or edited its content), and when. */
  author: reviewerNameSchema.optional(),
  authoredAt: instantSchema.optional(),
  /** Who last set its status, and when. */
  reviewer: reviewerNameSchema.optional(),
  reviewedAt: instantSchema.optional(),
  /** Approvals of the row as it is now; an edit clears them. */
  approvals: z.array(reviewApprovalSchema).optional(),
  comments: z.array(reviewCommentSchema).optional(),
  /**
   * The row as it was when it last lost its approval (an edit, a rejection, a question), kept until
   * it is approved again: where the row differs from it, it has "changed since approval" and a
   * reviewer sees old → new.
   */
  lastApproved: rowContentSchema.optional(),
}).strict().superRefine((review, ctx) => {
  const seen = new Set<string>();
  review.approvals?.forEach((approval, index) => {
    if (seen.has(approval.by)) ctx.addIssue({ code: 'custom', path: ['approvals', index, 'by'], message: `${approval.by} approved the row twice; approvals are from different people.` });
    seen.add(approval.by);
  });
});
export type RowReview = z.infer<typeof rowReviewSchema>;

/** 12 hex digits of the SHA-256 of a row's content (canonical JSON): what an approval is for. */
export function rowDigest(entry: RowContent): string {
  // Policy checks ask for the same rows' digests again and again (progress, the gate, bulk steps):
  // remembered by content, so a row changed in place is never given its old digest.
  const key = rowContentKeys.map((field) => (entry[field] === undefined ? '\u0001' : `\u0002${entry[field] as string}`)).join('\u0000');
  let digest = digests.get(key);
  if (digest === undefined) {
    if (digests.size >= DIGESTS_KEPT) digests.clear();
    digest = sha256Hex(canonicalJson(rowContent(entry))).slice(0, 12);
    digests.set(key, digest);
  }
  return digest;
}
const DIGESTS_KEPT = 50_000;
const digests = new Map<string, string>();

/** A row's content (what approvals are for), without its review and comment. */
export function rowContent(entry: RowContent): RowContent {
  const content: RowContent = { source: entry.source, target: entry.target };
  if (entry.display !== undefined) content.display = entry.display;
  if (entry.system !== undefined) content.system = entry.system;
  if (entry.equivalence !== undefined) content.equivalence = entry.equivalence;
  return content;
}

/** The content fields that differ, old → new, in a fixed order (for the report, the CLI and the history). */
export function rowContentChanges(before: RowContent, after: RowContent): { field: (typeof rowContentKeys)[number]; from?: string; to?: string }[] {
  const changes: { field: (typeof rowContentKeys)[number]; from?: string; to?: string }[] = [];
  for (const field of rowContentKeys) {
    if (before[field] === after[field]) continue;
    const change: { field: (typeof rowContentKeys)[number]; from?: string; to?: string } = { field };
    if (before[field] !== undefined) change.from = before[field];
    if (after[field] !== undefined) change.to = after[field];
    changes.push(change);
  }
  return changes;
}

/** What changed since the row was last approved (old → new), or undefined when it has not changed since. */
export function changesSinceApproval(entry: RowContent & { review?: RowReview }): ReturnType<typeof rowContentChanges> | undefined {
  const last = entry.review?.lastApproved;
  if (last === undefined) return undefined;
  const changes = rowContentChanges(last, rowContent(entry));
  return changes.length > 0 ? changes : undefined;
}
