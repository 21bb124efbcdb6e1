import { z } from 'zod';
import { reviewActionSchema, reviewerSchema, reviewHistoryEntrySchema, type ReviewAction, type ReviewEvent, type Reviewer, type ReviewerRole, type ReviewHistoryEntry } from '../review/ReviewAction';
import type { ReviewReport } from '../review/reviewReport';
import { crosswalkErrorDataSchema, bundleDocumentSchema } from './studioSchemas';

/** Keys that samples, history and UI state hang off: the bundle's path when it has one, else its name. */
const mappingKey = z.string().min(1).max(4096);
const valueMapId = z.string().min(1).max(64);

export const reviewerInfoSchema = reviewerSchema.extend({
  /** False while the name is the operating system's user name and the role the default (author), never set in the settings. */
  fromSettings: z.boolean(),
}).strict();
export type ReviewerInfo = z.infer<typeof reviewerInfoSchema>;

export const reviewResultSchema = z.object({
  /** The bundle document with the value map's rows updated (save it to keep the review in the bundle). */
  bundle: bundleDocumentSchema,
  /** The bundle's content hash after the step, as recorded in the history. */
  hash: z.string(),
  /** What the history recorded, one event per row changed. */
  events: z.array(reviewHistoryEntrySchema),
  /** Rows left as they were, each with why (approval refused by the policy, an unknown row...). */
  refused: z.array(z.object({ source: z.string(), error: crosswalkErrorDataSchema })),
});

/**
 * The review report as data (shared/common/review/reviewReport.ts). The host builds it from the
 * engine's own types, so the check on arrival is of its outline (like schema tree nodes); the
 * renderer gets the full ReviewReport type.
 */
export const reviewReportSchema: z.ZodType<ReviewReport> = z.looseObject({
  bundle: z.looseObject({ name: z.string(), version: z.string() }),
  generatedAt: z.string(),
  approved: z.boolean(),
  maps: z.array(z.looseObject({ id: z.string(), name: z.string(), rows: z.array(z.looseObject({ source: z.string(), status: z.string() })) })),
}) as unknown as z.ZodType<ReviewReport>;

export const valueMapFileFormatSchema = z.enum(['conceptmap', 'csv']);

/**
 * The review part of the Studio API (merged into studioMethods): who reviews, review steps on
 * rows (policy enforced, trail appended to the workspace history), the history, progress with
 * coverage, ConceptMap / CSV export and import, and the HTML report.
 */
export const reviewStudioMethods = {
  getReviewer: {
    summary: 'The reviewer name and role kept in the workspace settings (the operating system user name as an author until set).',
    args: z.object({}).strict(),
    result: reviewerInfoSchema,
  },
  setReviewer: {
    summary: 'Sets the reviewer name and role (author or reviewer) every review step records.',
    args: reviewerSchema,
    result: reviewerInfoSchema,
  },
  reviewValueMap: {
    summary: 'Applies a review step (approve, reject, needs discussion, propose, comment, edit, add, remove) to rows of a value map under the bundle\'s policy, and appends it to the history.',
    args: z.object({ mappingKey, bundle: bundleDocumentSchema, valueMapId, action: reviewActionSchema }).strict(),
    result: reviewResultSchema,
  },
  reconcileValueMapEdit: {
    summary: 'Records an edit made to a value map outside the review steps (the value-map editor, undo, an import into the editor): rows whose content differs from `before` become edits by the reviewer (approvals cleared, the approved content kept as old → new), new rows are proposed by them, removed rows recorded; appended to the history. Without `before` the map is new: every row is added.',
    args: z.object({ mappingKey, bundle: bundleDocumentSchema, valueMapId, before: z.record(z.string(), z.unknown()).optional() }).strict(),
    result: reviewResultSchema,
  },
  listReviewHistory: {
    summary: 'The review history of a mapping (every status change, comment and edit with who, when and the bundle hash), oldest first.',
    args: z.object({ mappingKey, valueMapId: valueMapId.optional(), source: z.string().min(1).max(1000).optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    result: z.array(reviewHistoryEntrySchema),
  },
  getReviewSummary: {
    summary: 'Every value map\'s review progress, rows and coverage (v2 table codes, codes seen in the samples and test cases, target codes checked against their bindings).',
    args: z.object({ mappingKey: mappingKey.optional(), bundle: bundleDocumentSchema }).strict(),
    result: reviewReportSchema,
  },
  exportValueMap: {
    summary: 'A value map with its review as a FHIR R4 ConceptMap (JSON) or as CSV for spreadsheet review.',
    args: z.object({ bundle: bundleDocumentSchema, valueMapId, format: valueMapFileFormatSchema, url: z.string().min(1).max(1000).optional() }).strict(),
    result: z.object({ fileName: z.string(), text: z.string() }),
  },
  importValueMap: {
    summary: 'Reads a value map with its review back from a ConceptMap or CSV (CSV takes the id, name, systems and policy of the bundle\'s map valueMapId).',
    args: z.object({ bundle: bundleDocumentSchema, valueMapId: valueMapId.optional(), format: valueMapFileFormatSchema, text: z.string().max(50_000_000) }).strict(),
    result: z.object({ valueMap: z.record(z.string(), z.unknown()) }),
  },
  exportReviewReport: {
    summary: 'The review report as one self-contained HTML page: each value map\'s rows, status, equivalence, comments, coverage and sign-off.',
    args: z.object({ mappingKey: mappingKey.optional(), bundle: bundleDocumentSchema }).strict(),
    result: z.object({ fileName: z.string(), html: z.string() }),
  },
} as const;

/** What a review step gives back: the bundle with the value map updated, its hash, the history written, the rows refused. */
export interface ReviewStepResult {
  bundle: Record<string, unknown>;
  hash: string;
  events: ReviewHistoryEntry[];
  refused: z.infer<typeof reviewResultSchema>['refused'];
}

/** The review methods of the Studio API, as the renderer calls them. */
export interface ReviewStudioApi {
  getReviewer(): Promise<ReviewerInfo>;
  setReviewer(args: Reviewer): Promise<ReviewerInfo>;
  reviewValueMap(args: { mappingKey: string; bundle: Record<string, unknown>; valueMapId: string; action: ReviewAction }): Promise<ReviewStepResult>;
  reconcileValueMapEdit(args: { mappingKey: string; bundle: Record<string, unknown>; valueMapId: string; before?: Record<string, unknown> }): Promise<ReviewStepResult>;
  listReviewHistory(args: { mappingKey: string; valueMapId?: string; source?: string; limit?: number }): Promise<ReviewHistoryEntry[]>;
  getReviewSummary(args: { mappingKey?: string; bundle: Record<string, unknown> }): Promise<ReviewReport>;
  exportValueMap(args: { bundle: Record<string, unknown>; valueMapId: string; format: 'conceptmap' | 'csv'; url?: string }): Promise<{ fileName: string; text: string }>;
  importValueMap(args: { bundle: Record<string, unknown>; valueMapId?: string; format: 'conceptmap' | 'csv'; text: string }): Promise<{ valueMap: Record<string, unknown> }>;
  exportReviewReport(args: { mappingKey?: string; bundle: Record<string, unknown> }): Promise<{ fileName: string; html: string }>;
}

export type { ReviewAction, ReviewEvent, ReviewerRole, ReviewReport };
