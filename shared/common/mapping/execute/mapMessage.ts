import { CrosswalkError, type CrosswalkErrorData } from '../../errors/CrosswalkError';
import type { FhirIssue } from '../../fhir/FhirIssue';
import { instancePath } from '../../hl7v2/groups';
import type { CompiledMapping } from '../compile/compileWithCatalog';
import type { MappingInput } from '../input/MappingInput';
import type { TraceEntry } from '../trace/TraceEntry';
import { executeMapping, type TransactionBundle } from './executeMapping';

/** What became of one message: its output, or the error (and, for an invalid output, the output and its issues). */
export type MessageOutcome =
  | { ok: true; output: TransactionBundle; trace?: TraceEntry[]; map?: string; placements?: Placement[] }
  | { ok: false; error: CrosswalkErrorData; output?: TransactionBundle; issues?: FhirIssue[]; trace?: TraceEntry[]; map?: string; placements?: Placement[] };

/** Where one segment of the message went in its structure's groups (traced runs of maps that read groups). */
export interface Placement {
  /** 1-based segment number in the message. */
  segment: number;
  id: string;
  /** The group instance, `PATIENT_RESULT[1].ORDER_OBSERVATION[2]`; '' for the message level. */
  group: string;
  how: 'expected' | 'lenient' | 'unexpected';
}

export interface MapMessageOptions {
  trace?: boolean;
  /** Check the output with the compiled validator; an output with errors is a failure. */
  validate?: boolean;
}

/**
 * Maps one parsed message (or JSON value) and never throws: data problems come back as the error of the outcome,
 * and so does an unexpected failure inside the engine, so one bad message cannot stop a batch.
 * The ids are keyed on the message's normalized text, so the same message gives the same ids
 * however it was framed (CR or LF, MLLP, batch envelope).
 */
export function mapMessage(compiled: CompiledMapping, message: MappingInput, options: MapMessageOptions = {}): MessageOutcome {
  let output: TransactionBundle;
  let trace: TraceEntry[] | undefined;
  let map: string;
  let placements: Placement[] | undefined;
  try {
    const result = executeMapping(compiled.plan, message, { trace: options.trace === true });
    output = result.bundle;
    trace = result.trace;
    map = result.map;
    placements = result.groups?.placements.map((p) => ({ segment: p.index + 1, id: p.id, group: instancePath(p.group), how: p.how }));
  } catch (error) {
    if (error instanceof CrosswalkError) return { ok: false, error: error.toJSON() };
    const reason = error instanceof Error ? error.message : String(error);
    // An exception's text may quote message values: detail only, never the sentence.
    return { ok: false, error: { code: 'MAP_INTERNAL', message: 'The engine failed unexpectedly.', where: {}, detail: reason.slice(0, 200) } };
  }
  if (options.validate && compiled.validator) {
    const issues = compiled.validator.validate(output).filter((issue) => issue.severity === 'error');
    if (issues.length > 0) {
      const first = issues[0];
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
      return {
        ok: false,
        error: { code: 'OUTPUT_INVALID', message: `The output fails FHIR R4 validation: ${first.message.replace(/\.$/, '')}${more}.`, where: { path: first.path } },
        output,
        issues,
        // A traced run keeps its trace: the studio shows where each invalid value came from.
        ...(trace ? { trace, map, ...(placements ? { placements } : {}) } : {}),
      };
    }
  }
  return trace ? { ok: true, output, trace, map, ...(placements ? { placements } : {}) } : { ok: true, output };
}
