import type { Hl7Message } from '../hl7v2';
import type { MappingSpec } from '../mapping/spec/MappingSpec';
import type { SchemaCatalog } from '../schema/SchemaCatalog';
import { observeValueMapCodes } from './observeValueMapCodes';
import { reviewCoverage } from './reviewCoverage';
import { reviewReport, type ReviewReport } from './reviewReport';

export interface ReviewReportInput {
  spec: MappingSpec;
  bundle: ReviewReport['bundle'];
  /** The bundle's test-case inputs (message text). */
  tests?: readonly string[];
  /** Sample messages (the studio's texts, or messages the CLI read from the files it was given). */
  samples?: readonly (string | Hl7Message)[];
  catalog: SchemaCatalog;
  /** ISO 8601 instant printed as the report's time. */
  generatedAt: string;
}

/**
 * The one review pipeline of the CLI and the studio: run samples and test cases to see which codes
 * each value map meets, compute coverage against the v2 tables and the target bindings, and put
 * it together with each row's review state.
 */
export async function buildReviewReport(input: ReviewReportInput): Promise<ReviewReport> {
  const observed = await observeValueMapCodes(input.spec, input.catalog, [
    ...(input.samples ?? []).map((text) => ({ source: 'samples' as const, text })),
    ...(input.tests ?? []).map((text) => ({ source: 'tests' as const, text })),
  ]);
  const coverage = await reviewCoverage(input.spec, input.catalog, observed);
  return reviewReport(input.spec, input.bundle, { generatedAt: input.generatedAt, coverage });
}
