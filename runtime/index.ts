/**
 * The Crosswalk runtime as a library: the same engine as `crosswalk run`, for Node programs that
 * embed it (a Kafka consumer, an HTTP handler, a test harness).
 *
 * ```ts
 * import { loadBundle, compile, run } from 'crosswalk';
 *
 * const bundle = await loadBundle('adt-a01-to-fhir.crosswalk.json'); // verifies format, hash and spec
 * const mapping = await compile(bundle, { validate: true });          // once per bundle
 * for (const result of run(mapping, hl7Text)) {                      // one result per message in the text
 *   if (result.ok) send(result.output);                              // a FHIR R4 transaction Bundle
 *   else queue(result.error);                                        // { code, message, where }
 * }
 * ```
 *
 * Everything throws or returns CrosswalkError data (code, one sentence, where); `run` never
 * throws for bad messages, only reports them.
 */
import { CrosswalkError, type CrosswalkErrorData } from '../shared/common/errors/CrosswalkError';
import type { FhirIssue } from '../shared/common/fhir/FhirIssue';
import { loadBundle as loadBundleFromText, type LoadedBundle } from '../shared/common/bundle/loadBundle';
import { mapMessage } from '../shared/common/mapping/execute/mapMessage';
import { readInputs } from '../shared/common/mapping/input/readInputs';
import type { TransactionBundle } from '../shared/common/mapping/execute/executeMapping';
import type { TraceEntry } from '../shared/common/mapping/trace/TraceEntry';
import type { SchemaCatalog } from '../shared/common/schema/SchemaCatalog';
import { compileBundleText, readBundleFile, type CompiledBundle } from '../shared/node/runtime/compileBundle';

export { CrosswalkError, type CrosswalkErrorData };
export type { CompiledBundle, LoadedBundle, TransactionBundle, TraceEntry, FhirIssue };
export { createBundle, serializeBundle, runBundleTests, type BundleFile, type BundleTestCase, type BundleTestResult } from '../shared/common/bundle/index';
export { parseSpec, type MappingSpec } from '../shared/common/mapping/index';
/** Outputs hold Decimals where a decimal's text must be kept (`1.50`): write them with writeJson, read JSON back with parseJson. */
export { Decimal } from '../shared/common/json/Decimal';
export { parseJson } from '../shared/common/json/parseJson';
export { writeJson } from '../shared/common/json/writeJson';

/** A verified bundle and the exact text it was read from (workers and hashes need the same bytes). */
export type VerifiedBundle = LoadedBundle & { text: string; file?: string };

/** Reads a bundle file and verifies it: format, SHA-256 hash, mapping spec. Throws CrosswalkError (BUNDLE_*, SPEC_*). */
export async function loadBundle(path: string): Promise<VerifiedBundle> {
  return { ...(await readBundleFile(path)), file: path };
}

/** The same from text already in memory. */
export function loadBundleText(text: string, file?: string): VerifiedBundle {
  return { ...loadBundleFromText(text, file), text, ...(file !== undefined ? { file } : {}) };
}

export interface CompileBundleOptions {
  /** Also prepare FHIR R4 validation of every output (`run(..., { validate: true })`). */
  validate?: boolean;
  /** The schema catalog; by default the one over generated/schemas. */
  catalog?: SchemaCatalog;
  /**
   * Refuse (REVIEW_NOT_APPROVED) while a value-map row the mapping can use is not approved, as
   * `crosswalk run --require-approved` does. A bundle whose review policy sets `requireApproved`
   * is refused so without it.
   */
  requireApproved?: boolean;
}

/** Compiles a verified bundle once: paths, functions, value maps and contexts are resolved here, not per message. Throws MAP_* errors naming the node or link, and REVIEW_NOT_APPROVED when the bundle (or `requireApproved`) asks for approved value maps and a row is not. */
export async function compile(bundle: VerifiedBundle, options: CompileBundleOptions = {}): Promise<CompiledBundle> {
  return compileBundleText(bundle.text, { ...options, running: true, ...(bundle.file !== undefined ? { file: bundle.file } : {}) });
}

export interface RunOptions {
  /** Collect the trace of every output value (slower; the studio's preview uses it). */
  trace?: boolean;
  /** Validate each output against FHIR R4 (compile with `validate: true`); an invalid output is a failure. */
  validate?: boolean;
  /** Name of the input, added to error locations. */
  file?: string;
  /** A JSON mapping: the text holds one document per line (NDJSON) rather than one document. */
  ndjson?: boolean;
}

/** One message's result, with its place in the input text. */
export type RunResult = { position: number; line: number; offset: number } & (
  | { ok: true; output: TransactionBundle; trace?: TraceEntry[] }
  | { ok: false; error: CrosswalkErrorData; output?: TransactionBundle; issues?: FhirIssue[] }
);

/**
 * Maps every message in a text, read as the bundle reads its inputs: HL7 v2 (one message,
 * back-to-back messages, batch envelopes or MLLP frames), a JSON document (or NDJSON lines with
 * `ndjson`), or CSV rows. One result per message, in order; a message that cannot be read is a
 * result with its error (line and column). Never throws for bad input.
 */
export function run(compiled: CompiledBundle, text: string, options: RunOptions = {}): RunResult[] {
  if (options.validate && !compiled.validator) {
    throw new CrosswalkError('RUN_NOT_PREPARED', 'Validation was asked for, but the bundle was compiled without it; compile with { validate: true }.');
  }
  return [...readInputs(compiled.input, text, { ...(options.file !== undefined ? { file: options.file } : {}), ndjson: options.ndjson === true })].map((item): RunResult => {
    const place = { position: item.position, line: item.line, offset: item.offset };
    if (item.error !== undefined) return { ...place, ok: false, error: item.error.toJSON() };
    const outcome = mapMessage(compiled, item.input, { trace: options.trace === true, validate: options.validate === true });
    if (!outcome.ok && options.file !== undefined) outcome.error.where = { ...outcome.error.where, file: options.file, message: item.position };
    return { ...place, ...outcome };
  });
}
