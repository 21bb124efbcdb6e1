import { CrosswalkError } from '../../shared/common/errors/CrosswalkError';
import { iterateHl7Bytes } from '../../shared/common/hl7v2/index';
import type { InputFormat } from '../../shared/common/mapping/input/inputFormat';
import { isJsonInput, type MappingInput } from '../../shared/common/mapping/input/MappingInput';
import type { CompiledBundle } from '../../shared/node/runtime/compileBundle';
import type { ByteLimit } from '../../shared/node/studio/files/byteLimits';
import { renderOutcome, type MapItem, type RenderedOutcome } from '../../shared/node/runtime/renderOutcome';
import { WorkerPool, findWorkerScript } from '../../shared/node/runtime/WorkerPool';
import { expandInputs, hl7ReadOptions, inputFileExtensions, iterateTextInputs, readInputBytes, STDIN } from '../io/index';
import type { Readable } from 'node:stream';
import type { MessagePlace, RunSink } from './RunSink';

export interface RunStats {
  messages: number;
  mapped: number;
  failed: number;
  /** Inputs that could not be read or held no message. */
  inputErrors: number;
}

export interface RunInputsOptions {
  validate?: boolean;
  /** Worker threads; 0 or 1 maps in this thread. */
  workers?: number;
  /** Messages per chunk sent to a worker. */
  chunkSize?: number;
  stdin?: Readable;
  /** The most bytes read from one input (default: CROSSWALK_MAX_INPUT_BYTES, else 256 MiB). */
  inputLimit?: ByteLimit;
  /** Where worker.js / worker.ts is looked for (the runtime folder). */
  workerBase?: URL;
  /** A JSON mapping: every input holds one document per line (NDJSON), not only .ndjson and .jsonl files. */
  ndjson?: boolean;
  onProgress?: (stats: RunStats, file: string) => void;
}

interface Chunk {
  places: MessagePlace[];
  items: MapItem[];
  /** Each message's bytes as in its input: what a failure writes out for replay. */
  sources: Uint8Array[];
  result: Promise<RenderedOutcome[]>;
}

/**
 * Maps every message of every input (files, folders, `-`) and hands each outcome to the sink in
 * input order: outputs, and failures with their error and place. Unreadable inputs and messages
 * that do not parse are failures too; nothing is skipped silently. With workers, chunks of
 * messages are mapped in parallel and awaited in the order they were sent.
 */
export async function runInputs(compiled: CompiledBundle, inputs: readonly string[], sink: RunSink, options: RunInputsOptions = {}): Promise<RunStats> {
  const stats: RunStats = { messages: 0, mapped: 0, failed: 0, inputErrors: 0 };
  const validate = options.validate === true;
  const workers = Math.max(0, Math.floor(options.workers ?? 0));
  const chunkSize = options.chunkSize ?? 64;
  const pool = workers > 1
    ? await WorkerPool.start(findWorkerScript(options.workerBase ?? new URL(import.meta.url)), workers, { bundleText: compiled.text, validate, ...(compiled.file !== undefined ? { bundleFile: compiled.file } : {}) })
    : undefined;
  const inflight: Chunk[] = [];
  let current: Omit<Chunk, 'result'> = { places: [], items: [], sources: [] };

  const settle = async (chunk: Chunk): Promise<void> => {
    const outcomes = await chunk.result;
    for (let i = 0; i < outcomes.length; i++) {
      const outcome = outcomes[i];
      const place = chunk.places[i];
      stats.messages++;
      if (outcome.ok) {
        stats.mapped++;
        await sink.output(place, outcome.json);
      } else {
        stats.failed++;
        await sink.failure({
          place,
          error: { ...outcome.error, where: { ...outcome.error.where, file: place.file, message: place.position } },
          input: chunk.sources[i],
          ...(outcome.json !== undefined ? { output: outcome.json } : {}),
          ...(outcome.issues ? { issues: outcome.issues } : {}),
        });
      }
    }
  };

  const dispatch = async (): Promise<void> => {
    if (current.items.length === 0) return;
    const { places, items, sources } = current;
    current = { places: [], items: [], sources: [] };
    // In this thread the parsed message is reused; a worker gets the text and parses it there.
    const result = pool ? pool.map(items.map((item) => item.text)) : Promise.resolve(items.map((item) => renderOutcome(compiled, item, validate)));
    inflight.push({ places, items, sources, result });
    // Keep every worker busy with two chunks at most, then write the oldest.
    while (inflight.length > Math.max(1, workers * 2)) await settle(inflight.shift() as Chunk);
  };

  /** Sends what is pending and writes every outcome sent so far, so a failure reported next keeps input order. */
  const drain = async (): Promise<void> => {
    await dispatch();
    while (inflight.length) await settle(inflight.shift() as Chunk);
  };

  /** An input that cannot be read or lists no message file: one failure at message position 0. */
  const inputFailed = async (file: string, error: CrosswalkError): Promise<void> => {
    await drain();
    stats.inputErrors++;
    stats.failed++;
    await sink.failure({ place: { file, position: 0 }, error: error.toJSON() });
  };

  let complete = false;
  try {
    for (const input of await expandInputs(inputs, inputFileExtensions(compiled.input))) {
      const file = input.path === STDIN ? 'stdin' : input.path;
      if (input.error) {
        await inputFailed(file, input.error);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readInputBytes(input.path, options.stdin, options.inputLimit);
      } catch (error) {
        if (!(error instanceof CrosswalkError)) throw error;
        await inputFailed(file, error);
        continue;
      }
      for (const item of messagesOf(compiled.input, bytes, file, options.ndjson === true)) {
        const place: MessagePlace = { file, position: item.position, line: item.line, offset: item.offset };
        if (item.error) {
          // Keep order: what was sent before this message is written before its failure.
          await drain();
          stats.messages++;
          stats.failed++;
          await sink.failure({ place, error: item.error.at({ file, message: place.position }).toJSON(), input: item.bytes });
          continue;
        }
        const input = item.input as MappingInput;
        current.places.push(place);
        current.items.push({ text: isJsonInput(input) ? input.text : input.toString(), message: input });
        current.sources.push(item.bytes);
        if (current.items.length >= chunkSize) await dispatch();
      }
      options.onProgress?.(stats, file);
    }
    await drain();
    complete = true;
  } finally {
    await pool?.close();
    await sink.close(complete);
  }
  options.onProgress?.(stats, '');
  return stats;
}

interface InputMessage {
  position: number;
  line: number;
  /** Byte offset in the input. */
  offset: number;
  input?: MappingInput;
  error?: CrosswalkError;
  /** The message's bytes, as it can be run again. */
  bytes: Uint8Array;
}

/**
 * The messages of one input's bytes, one at a time, so a large file never holds every parsed
 * message at once. HL7 v2: each decoded in its own MSH-18 character set (one that does not decode
 * fails alone). JSON and CSV: UTF-8; `.ndjson` and `.jsonl` files (or every input, with `ndjson`)
 * hold one document per line; a line or row that does not read fails alone.
 */
function* messagesOf(format: InputFormat, bytes: Uint8Array, file: string, ndjson: boolean): Generator<InputMessage> {
  if (format.standard === 'hl7v2') {
    for (const item of iterateHl7Bytes(bytes, { file, ...hl7ReadOptions })) {
      const place = { position: item.position, line: item.line, offset: item.offset, bytes: item.bytes };
      yield item.error ? { ...place, error: item.error } : { ...place, input: item.message };
    }
    return;
  }
  const lines = ndjson || /\.(ndjson|jsonl)$/i.test(file);
  for (const { item, byteOffset, bytes: own } of iterateTextInputs(bytes, format, { file, ndjson: lines })) {
    const place = { position: item.position, line: item.line, offset: byteOffset, bytes: own };
    yield item.error ? { ...place, error: item.error } : { ...place, input: item.input };
  }
}
