import type { Hl7Message } from '../../../shared/common/hl7v2';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import type { TraceItem, ValidationItem } from '../preview/previewTypes';

/** Compiles (cached per spec object) and executes the mapping with trace on, then validates. */
export async function executePreview(_spec: MappingSpec, _text: string, _message: Hl7Message): Promise<{ output: unknown; trace: TraceItem[]; validation: ValidationItem[] }> {
  throw new CrosswalkError('PREVIEW_ENGINE_PENDING', 'The mapping compiler is not part of this build yet.', {});
}
