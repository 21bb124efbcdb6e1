import { CrosswalkError } from '../../../common/errors/CrosswalkError';

const MiB = 1024 * 1024;

/** The most bytes one message input (file or stdin) may hold: far above any real batch file, far below what stalls a host. */
export const DEFAULT_MAX_INPUT_BYTES = 256 * MiB;
/** The most bytes one bundle file may hold; real bundles are kilobytes to a few megabytes. */
export const DEFAULT_MAX_BUNDLE_BYTES = 64 * MiB;

/** A read limit and how the user raises it, so the error can say so. */
export interface ByteLimit {
  maxBytes: number;
  /** The option or variable that sets the limit, e.g. `--max-input-bytes or CROSSWALK_MAX_INPUT_BYTES`. */
  setting: string;
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: MiB, g: 1024 * MiB };

/** `1048576`, `512K`, `64M`, `1G` (binary units, optional `B`/`iB`) to bytes; undefined for anything else or 0. */
export function parseByteLimit(text: string): number | undefined {
  const match = /^\s*(\d{1,12})\s*([kmg]?)(?:i?b)?\s*$/i.exec(text);
  if (match === null) return undefined;
  const bytes = Number(match[1]) * UNITS[match[2].toLowerCase()];
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

function fromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const bytes = parseByteLimit(text);
  if (bytes === undefined) throw new CrosswalkError('IO_BAD_LIMIT', `${name} must be a number of bytes such as 268435456, 512K, 64M or 1G.`, { path: name });
  return bytes;
}

/** The limit for message inputs: the given one (a CLI option), else CROSSWALK_MAX_INPUT_BYTES, else 256 MiB. */
export function inputByteLimit(maxBytes?: number, env: NodeJS.ProcessEnv = process.env): ByteLimit {
  return { maxBytes: maxBytes ?? fromEnv('CROSSWALK_MAX_INPUT_BYTES', DEFAULT_MAX_INPUT_BYTES, env), setting: '--max-input-bytes or CROSSWALK_MAX_INPUT_BYTES' };
}

/** The limit for bundle files (runtime and studio): the given one, else CROSSWALK_MAX_BUNDLE_BYTES, else 64 MiB. */
export function bundleByteLimit(maxBytes?: number, env: NodeJS.ProcessEnv = process.env): ByteLimit {
  return { maxBytes: maxBytes ?? fromEnv('CROSSWALK_MAX_BUNDLE_BYTES', DEFAULT_MAX_BUNDLE_BYTES, env), setting: 'CROSSWALK_MAX_BUNDLE_BYTES' };
}

function formatBytes(bytes: number): string {
  if (bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The error for an input that holds more than its limit; `file` names it (a path, or `stdin`). */
export function tooLargeError(file: string, limit: ByteLimit): CrosswalkError {
  return new CrosswalkError('IO_TOO_LARGE', `The input holds more than ${formatBytes(limit.maxBytes)}, the most that is read; raise the limit with ${limit.setting} if this is meant.`, { file });
}
