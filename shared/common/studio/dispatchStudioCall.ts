import { CrosswalkError, type CrosswalkErrorData } from '../errors/CrosswalkError';
import { parseJson } from '../json/parseJson';
import { writeJson } from '../json/writeJson';
import type { StudioApi, StudioEnvelope } from './StudioApi';
import { isStudioMethodName, studioMethods } from './studioMethods';
import { describeZodIssue } from './describeZodIssue';

/**
 * The host side of every call, shared by the Electron IPC handlers and the web host: checks the
 * method name against the table (own keys only, so `__proto__` or `toString` are unknown methods),
 * bounds the payload's nesting and size (CW_STUDIO_TOO_DEEP, CW_STUDIO_TOO_LARGE), validates it,
 * runs the service and turns any failure into a CrosswalkError envelope. Never throws; an
 * unexpected exception becomes CW_STUDIO_INTERNAL without its stack or data.
 */
export async function dispatchStudioCall(api: StudioApi, method: unknown, payload: unknown): Promise<StudioEnvelope> {
  if (!isStudioMethodName(method)) {
    return fail(new CrosswalkError('CW_STUDIO_UNKNOWN_METHOD', `The studio has no method named ${quote(method)}.`));
  }
  const tooBig = payloadLimitProblem(method, payload);
  if (tooBig !== undefined) return fail(tooBig);
  const args = studioMethods[method].args.safeParse(payload ?? {});
  if (!args.success) {
    return fail(new CrosswalkError('CW_STUDIO_BAD_ARGS', `${method}: ${describeZodIssue(args.error)}`, { path: method }));
  }
  try {
    const call = api[method] as (a: unknown) => Promise<unknown>;
    const value = await call.call(api, args.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof CrosswalkError) return fail(error);
    return fail(new CrosswalkError('CW_STUDIO_INTERNAL', `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, { path: method }));
  }
}

/**
 * dispatchStudioCall for a call that arrives as JSON text and is answered as JSON text (Electron
 * IPC): decimals keep their text both ways (`1.50` in a test's expected output), which a
 * structured clone would not. Never throws.
 */
export async function dispatchStudioText(api: StudioApi, method: unknown, payload: unknown): Promise<string> {
  if (!isStudioMethodName(method)) return writeJson(await dispatchStudioCall(api, method, undefined));
  const read = typeof payload === 'string' ? readStudioPayload(method, payload) : { refused: fail(notJson()) };
  return writeJson('refused' in read ? read.refused : await dispatchStudioCall(api, method, read.payload));
}

/**
 * A call's payload read from JSON text (the web host's body, an IPC message), Decimals kept, or
 * the envelope refusing it: text that is not JSON, or nested deeper than the dispatcher allows
 * (refused by the parser before it could overflow, with the dispatcher's own error).
 */
export function readStudioPayload(method: string, text: string): { payload: unknown } | { refused: Refusal } {
  try {
    return { payload: text.length === 0 ? {} : parseJson(text, { maxDepth: MAX_DEPTH }) };
  } catch (error) {
    return { refused: fail(error instanceof CrosswalkError && error.code === 'JSON_TOO_DEEP' ? payloadTooDeep(method) : notJson()) };
  }
}

const notJson = () => new CrosswalkError('CW_STUDIO_BAD_JSON', 'The request body is not valid JSON.');

/** How deeply a payload may nest. zod validates recursively and overflowed the stack near 3,000 levels; real ones (bundle documents, FHIR resources, UI state) nest a few dozen levels at most. */
const MAX_DEPTH = 256;
/** How many values a payload may hold, a cap on validation time (about 1 s per million); an IPC payload that shares one object many times counts it each time. */
const MAX_VALUES = 2_000_000;

/**
 * Whether the payload nests too deeply or holds too many values to validate, found by walking
 * it with an explicit stack (no recursion to overflow) before zod sees it.
 */
function payloadLimitProblem(method: string, payload: unknown): CrosswalkError | undefined {
  const values: unknown[] = [payload];
  const levels: number[] = [1];
  let count = 1;
  while (values.length > 0) {
    const value = values.pop();
    const level = levels.pop() as number;
    // Typed arrays from a structured clone are one value here (zod refuses them); listing their indexes could cost gigabytes.
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (level > MAX_DEPTH) return payloadTooDeep(method);
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
    count += children.length;
    if (count > MAX_VALUES) return new CrosswalkError('CW_STUDIO_TOO_LARGE', `${method}: the payload holds more than ${MAX_VALUES.toLocaleString('en-US')} values.`, { path: method });
    for (const child of children) {
      values.push(child);
      levels.push(level + 1);
    }
  }
  return undefined;
}

function payloadTooDeep(method: string): CrosswalkError {
  return new CrosswalkError('CW_STUDIO_TOO_DEEP', `${method}: the payload nests deeper than ${MAX_DEPTH} levels.`, { path: method });
}

type Refusal = { ok: false; error: CrosswalkErrorData };

function fail(error: CrosswalkError): Refusal {
  return { ok: false, error: error.toJSON() };
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
