import type { MappingSpec } from '../mapping/spec/MappingSpec';
import { describeEquivalence } from '../valuemaps/equivalence';
import { changesSinceApproval, type ReviewApproval, type ReviewComment, type ReviewStatus } from '../valuemaps/rowReview';
import { firstUnapprovedRow, type UnapprovedRow } from './requireApproved';
import { describeUnmappedPolicy, type TargetIssue, type ValueMapCoverageReport } from './reviewCoverage';
import { effectiveStatus, reviewPolicyOf, type ReviewPolicy } from './reviewPolicy';
import { valueMapProgress, type ValueMapProgress } from './reviewProgress';
import { valueMapUses } from './valueMapUses';

/** One row as a reviewer reads it. */
export interface ReviewRowView {
  source: string;
  /** The source table's display of the code. */
  sourceDisplay?: string;
  target: string;
  display?: string;
  system?: string;
  /** The row's mapping note (why it maps so; the ConceptMap target's comment). */
  note?: string;
  /** `narrower (R5: source-is-broader-than-target)`. */
  equivalence: string;
  /** The status it counts as under the policy. */
  status: ReviewStatus;
  author?: string;
  authoredAt?: string;
  reviewer?: string;
  reviewedAt?: string;
  approvals: ReviewApproval[];
  comments: ReviewComment[];
  /** Changed since approval: old → new, until approved again. */
  changes?: { field: string; from?: string; to?: string }[];
  issues: TargetIssue[];
  seen: { samples: number; tests: number };
}

export interface ReviewReportMap {
  id: string;
  name: string;
  description?: string;
  sourceSystem?: string;
  targetSystem?: string;
  /** What a code without a row meets. */
  unmapped: string;
  /** The maps that look it up (empty: not in use). */
  usedIn: string[];
  progress: ValueMapProgress;
  rows: ReviewRowView[];
  coverage?: ValueMapCoverageReport;
}

/** Everything `crosswalk review` prints and the HTML report shows, as data. */
export interface ReviewReport {
  bundle: { name: string; version: string; hash?: string };
  generatedAt: string;
  policy: ReviewPolicy;
  /** Every row of every value map in use is approved. */
  approved: boolean;
  firstUnapproved?: UnapprovedRow;
  maps: ReviewReportMap[];
}

/** Builds the report of a mapping's value-map review (coverage from reviewCoverage, when computed). */
export function reviewReport(
  spec: Pick<MappingSpec, 'maps' | 'valueMaps' | 'settings'>,
  bundle: ReviewReport['bundle'],
  options: { generatedAt: string; coverage?: readonly ValueMapCoverageReport[] },
): ReviewReport {
  const policy = reviewPolicyOf(spec);
  const uses = valueMapUses(spec);
  const coverage = new Map((options.coverage ?? []).map((report) => [report.valueMap, report]));
  const maps = spec.valueMaps.map((map): ReviewReportMap => {
    const usedIn = [...new Set((uses.get(map.id) ?? []).map((use) => use.map.id))];
    const cover = coverage.get(map.id);
    const sourceCodes = new Map((cover?.source.codes ?? []).map((code) => [code.code, code]));
    const issues = new Map((cover?.target.rows ?? []).map((row) => [row.source, row.issues]));
    const rows = map.entries.map((entry): ReviewRowView => {
      const review = entry.review;
      const view: ReviewRowView = {
        source: entry.source, target: entry.target, equivalence: describeEquivalence(entry.equivalence),
        status: effectiveStatus(entry, policy),
        approvals: review?.approvals ?? [], comments: review?.comments ?? [],
        issues: issues.get(entry.source) ?? [],
        seen: sourceCodes.get(entry.source)?.seen ?? { samples: 0, tests: 0 },
      };
      const display = sourceCodes.get(entry.source)?.display;
      if (display !== undefined) view.sourceDisplay = display;
      if (entry.display !== undefined) view.display = entry.display;
      if (entry.system !== undefined) view.system = entry.system;
      if (entry.comment !== undefined) view.note = entry.comment;
      if (review?.author !== undefined) view.author = review.author;
      if (review?.authoredAt !== undefined) view.authoredAt = review.authoredAt;
      if (review?.reviewer !== undefined) view.reviewer = review.reviewer;
      if (review?.reviewedAt !== undefined) view.reviewedAt = review.reviewedAt;
      const changes = changesSinceApproval(entry);
      if (changes !== undefined) view.changes = changes;
      return view;
    });
    const report: ReviewReportMap = {
      id: map.id, name: map.name, unmapped: describeUnmappedPolicy(map.unmapped), usedIn,
      progress: valueMapProgress(map, policy, usedIn.length > 0), rows,
    };
    if (map.description !== undefined) report.description = map.description;
    if (map.sourceSystem !== undefined) report.sourceSystem = map.sourceSystem;
    if (map.targetSystem !== undefined) report.targetSystem = map.targetSystem;
    if (cover !== undefined) report.coverage = cover;
    return report;
  });
  const first = firstUnapprovedRow(spec);
  return {
    bundle, generatedAt: options.generatedAt, policy, approved: first === undefined,
    ...(first !== undefined ? { firstUnapproved: first } : {}),
    maps,
  };
}

