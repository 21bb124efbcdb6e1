import { CrosswalkError } from '../errors/CrosswalkError';
import { parseJson } from '../json/parseJson';
import { writeJson } from '../json/writeJson';
import type { HostCommand, StudioApi, StudioClient, StudioEnvelope } from './StudioApi';
import { studioMethodNames, studioMethods, type StudioMethodName } from './studioMethods';
import { describeZodIssue } from './describeZodIssue';

/**
 * Sends one call to a host and resolves to its envelope (IPC through the preload, or HTTP), both
 * as JSON text: writeJson and parseJson keep a decimal's text (`1.50` in an expected output),
 * which neither a structured clone nor JSON.stringify/JSON.parse would.
 */
export type StudioTransport = (method: StudioMethodName, argsJson: string) => Promise<string>;

/**
 * Builds the renderer's StudioApi from the method table over any transport: arguments are checked
 * before they leave (a mistake is reported where it was made) and results are checked when they
 * arrive (a host that drifted from the table fails loudly instead of drawing garbage).
 */
export function createStudioClient(
  transport: StudioTransport,
  onHostCommand: (listener: (command: HostCommand) => void) => () => void = () => () => undefined,
): StudioClient {
  const client: Record<string, unknown> = { onHostCommand };
  for (const name of studioMethodNames) {
    const spec = studioMethods[name];
    client[name] = async (args: unknown = {}) => {
      const checked = spec.args.safeParse(args);
      if (!checked.success) {
        throw new CrosswalkError('CW_STUDIO_BAD_ARGS', `${name}: ${describeZodIssue(checked.error)}`, { path: name });
      }
      const envelope = readEnvelope(name, await transport(name, writeJson(checked.data)));
      if (!envelope.ok) throw new CrosswalkError(envelope.error.code, envelope.error.message, envelope.error.where, envelope.error.detail);
      const result = spec.result.safeParse(envelope.value);
      if (!result.success) {
        throw new CrosswalkError('CW_STUDIO_BAD_RESULT', `The host answered ${name} with data the studio does not understand: ${describeZodIssue(result.error)}`, { path: name });
      }
      return result.data;
    };
  }
  return client as unknown as StudioClient & StudioApi;
}

function readEnvelope(method: string, text: string): StudioEnvelope {
  let envelope: unknown;
  try {
    envelope = parseJson(text);
  } catch {
    envelope = undefined;
  }
  if (typeof envelope === 'object' && envelope !== null && typeof (envelope as { ok?: unknown }).ok === 'boolean') return envelope as StudioEnvelope;
  return { ok: false, error: { code: 'CW_STUDIO_BAD_RESULT', message: `The host answered ${method} with something that is not a studio envelope.`, where: { path: method } } };
}
