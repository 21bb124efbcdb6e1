import { createPreviewEngine } from '../../../common/mapping/preview/createPreviewEngine';
import type { SchemaCatalog } from '../../../common/schema';
import type { BundleDocument, PreviewOutcome } from '../../../common/studio';

export interface PreviewRequest {
  document: BundleDocument;
  input: string;
  trace?: boolean;
  validate?: boolean;
}

/**
 * Runs a mapping on one message on the host through the one preview pipeline the studio's worker
 * also uses (shared/common/mapping/preview). Never throws for data: a spec or message problem is
 * the outcome's error.
 */
export function previewRunner(catalog: SchemaCatalog): (request: PreviewRequest) => Promise<PreviewOutcome> {
  const preview = createPreviewEngine({ catalog });
  return async ({ document, input, trace, validate }) => {
    const outcome = await preview(document.mapping ?? document, input, { trace: trace === true, validate: validate === true });
    return outcome as PreviewOutcome;
  };
}
