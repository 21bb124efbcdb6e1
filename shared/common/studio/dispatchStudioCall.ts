import { CrosswalkError } from '../errors/CrosswalkError';
import type { StudioApi, StudioEnvelope } from './StudioApi';
import { isStudioMethodName, studioMethods } from './studioMethods';
import { describeZodIssue } from './describeZodIssue';

/**
 * The host side of every call, shared by the Electron IPC handlers and the web host: checks the
 * method name against the table (own keys only, so `__proto__` or `toString` are unknown methods),
 * validates the payload, runs the service and turns any failure into a CrosswalkError envelope.
 * Never throws; an unexpected exception becomes CW_STUDIO_INTERNAL without its stack or data.
 */
export async function dispatchStudioCall(api: StudioApi, method: unknown, payload: unknown): Promise<StudioEnvelope> {
  if (!isStudioMethodName(method)) {
    return fail(new CrosswalkError('CW_STUDIO_UNKNOWN_METHOD', `The studio has no method named ${quote(method)}.`));
  }
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

function fail(error: CrosswalkError): StudioEnvelope {
  return { ok: false, error: error.toJSON() };
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
