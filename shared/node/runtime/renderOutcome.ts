import type { CrosswalkErrorData } from '../../common/errors/CrosswalkError';
import type { FhirIssue } from '../../common/fhir/FhirIssue';
import { parseHl7 } from '../../common/hl7v2';
import type { CompiledMapping } from '../../common/mapping/compile/compileWithCatalog';
import { mapMessage } from '../../common/mapping/execute/mapMessage';
import { jsonInput, type MappingInput } from '../../common/mapping/input/MappingInput';
import { CrosswalkError } from '../../common/errors/CrosswalkError';
import { writeJson } from '../../common/json/writeJson';

/**
 * One message's outcome with the output already serialized (one JSON line): what a worker sends
 * back, cheaper to pass between threads than the object, and written by writeJson so decimals
 * keep the precision sent.
 */
export type RenderedOutcome =
  | { ok: true; json: string }
  | { ok: false; error: CrosswalkErrorData; json?: string; issues?: FhirIssue[] };

export interface MapItem {
  /** The message's normalized text: ER7 (segments joined by CR), or a JSON or CSV input's value as compact JSON. */
  text: string;
  /** Already read (in-process), or read from text (in a worker). */
  message?: MappingInput;
}

/** Maps one message and serializes the outcome; never throws. */
export function renderOutcome(compiled: CompiledMapping, item: MapItem, validate: boolean): RenderedOutcome {
  let message = item.message;
  if (message === undefined) {
    try {
      message = compiled.input.standard === 'hl7v2' ? parseHl7(item.text) : jsonInput(JSON.parse(item.text));
    } catch (error) {
      if (error instanceof CrosswalkError) return { ok: false, error: error.toJSON() };
      throw error;
    }
  }
  const outcome = mapMessage(compiled, message, { validate });
  if (outcome.ok) return { ok: true, json: writeJson(outcome.output) };
  return {
    ok: false,
    error: outcome.error,
    ...(outcome.output ? { json: writeJson(outcome.output) } : {}),
    ...(outcome.issues ? { issues: outcome.issues } : {}),
  };
}
