import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import { parseHl7 } from '../../../common/hl7v2';
import { compileWithCatalog, mapMessage, parseSpec, type CompiledMapping } from '../../../common/mapping';
import type { SchemaCatalog } from '../../../common/schema';
import type { BundleDocument, PreviewOutcome } from '../../../common/studio';

export interface PreviewRequest {
  document: BundleDocument;
  input: string;
  trace?: boolean;
  validate?: boolean;
}

/**
 * Runs a mapping on one message on the host, with the runtime's compiler, executor and validator.
 * The last compiled mapping is kept (keyed by its JSON), so repeated runs on new samples compile
 * once. Never throws for data: a spec or message problem is the outcome's error.
 */
export function previewRunner(catalog: SchemaCatalog): (request: PreviewRequest) => Promise<PreviewOutcome> {
  let cached: { key: string; compiled: Promise<CompiledMapping> } | undefined;
  return async ({ document, input, trace, validate }) => {
    try {
      const mapping = document.mapping ?? document;
      const key = `${validate === true}|${JSON.stringify(mapping)}`;
      if (cached?.key !== key) {
        const compiled = compileWithCatalog(parseSpec(mapping, 'mapping'), catalog, { validate: validate === true });
        cached = { key, compiled };
        compiled.catch(() => { if (cached?.compiled === compiled) cached = undefined; });
      }
      const compiled = await cached.compiled;
      const outcome = mapMessage(compiled, parseHl7(input), { trace: trace === true, validate: validate === true });
      return outcome as PreviewOutcome;
    } catch (error) {
      if (error instanceof CrosswalkError) return { ok: false, error: error.toJSON() };
      throw error;
    }
  };
}
