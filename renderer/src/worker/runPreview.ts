import { parseHl7 } from '../../../shared/common/hl7v2';
import { writeJson } from '../../../shared/common/json/writeJson';
import type { PreviewRequest, PreviewResult } from '../preview/previewTypes';
import { sourceValues } from './sourceValues';
import { executePreview } from './executePreview';

/** The sample's values for the source rows; a sample that does not parse has none (the engine reports where it fails). */
function valuesOf(sample: string): Record<string, string> {
  try {
    return sourceValues(parseHl7(sample));
  } catch {
    return {};
  }
}

/** One preview run: the engine's outcome for the sample, with the sample's values for the source rows. Never throws. */
export async function runPreview(request: PreviewRequest): Promise<PreviewResult> {
  const started = performance.now();
  const executed = await executePreview(request.spec, request.sample);
  return {
    runId: request.runId,
    ...executed,
    outputText: executed.output === undefined ? '' : writeJson(executed.output, 2),
    sourceValues: valuesOf(request.sample),
    millis: performance.now() - started,
  };
}
