import { parseHl7 } from '../../../shared/common/hl7v2';
import { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import type { PreviewRequest, PreviewResult } from '../preview/previewTypes';
import { sourceValues } from './sourceValues';
import { executePreview } from './executePreview';

function asErrorData(error: unknown, stage: 'parse' | 'compile' | 'execute'): NonNullable<PreviewResult['error']> {
  if (error instanceof CrosswalkError) return { ...error.toJSON(), stage };
  // The sentence format is the engine's: what the exception says (it may quote the sample) is the detail.
  return { code: 'PREVIEW_FAILED', message: 'The preview failed unexpectedly.', where: {}, detail: error instanceof Error ? error.message : String(error), stage };
}

/** One preview run: parse the sample, run the mapping with trace on, validate the output. Never throws. */
export async function runPreview(request: PreviewRequest): Promise<PreviewResult> {
  const started = performance.now();
  const base: PreviewResult = { runId: request.runId, outputText: '', output: undefined, trace: [], validation: [], sourceValues: {}, millis: 0 };
  let message;
  try {
    message = parseHl7(request.sample);
  } catch (error) {
    return { ...base, error: asErrorData(error, 'parse'), millis: performance.now() - started };
  }
  const values = sourceValues(message);
  try {
    const executed = await executePreview(request.spec, request.sample, message);
    return { ...base, ...executed, sourceValues: values, outputText: JSON.stringify(executed.output, null, 2), millis: performance.now() - started };
  } catch (error) {
    const stage = error instanceof CrosswalkError && /^(SPEC|COMPILE|EXPR)/.test(error.code) ? 'compile' : 'execute';
    return { ...base, sourceValues: values, error: asErrorData(error, stage), millis: performance.now() - started };
  }
}
