import { parseHl7 } from '../../../shared/common/hl7v2';
import { writeJson } from '../../../shared/common/json/writeJson';
import { inputFormatOf } from '../../../shared/common/mapping/input/inputFormat';
import { readInputs } from '../../../shared/common/mapping/input/readInputs';
import { isJsonInput } from '../../../shared/common/mapping/input/MappingInput';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import type { PreviewRequest, PreviewResult } from '../preview/previewTypes';
import { jsonSourceValues, sourceValues } from './sourceValues';
import { executePreview } from './executePreview';

/**
 * The sample's values for the source rows, read as the mapping reads its inputs (HL7 v2, or the
 * first JSON document or CSV row); a sample that does not read has none (the engine reports where it fails).
 */
function valuesOf(spec: MappingSpec, sample: string): Record<string, string> {
  try {
    const format = inputFormatOf(spec);
    if (format.standard === 'hl7v2') return sourceValues(parseHl7(sample));
    const first = readInputs(format, sample).next();
    return !first.done && first.value.input && isJsonInput(first.value.input) ? jsonSourceValues(first.value.input.value) : {};
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
    sourceValues: valuesOf(request.spec, request.sample),
    millis: performance.now() - started,
  };
}
