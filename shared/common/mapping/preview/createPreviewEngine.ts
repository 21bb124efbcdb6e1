import { CrosswalkError, type CrosswalkErrorData } from '../../errors/CrosswalkError';
import { prepareFhirValidator, type FhirValidationCatalog } from '../../fhir/prepareFhirValidator';
import type { FhirValidator } from '../../fhir/validateFhir';
import type { SchemaCatalog } from '../../schema/SchemaCatalog';
import { compileWithCatalog, targetResourceTypes, type CompiledMapping } from '../compile/compileWithCatalog';
import { mapMessage, type MessageOutcome } from '../execute/mapMessage';
import { inputFormatOf, type InputFormat } from '../input/inputFormat';
import { readOneInput } from '../input/readInputs';
import type { MappingSpec } from '../spec/MappingSpec';
import { parseSpec } from '../spec/parseSpec';

/** A preview run: the engine's outcome for one message, and at which stage a failure happened. */
export type PreviewOutcome = MessageOutcome & { stage?: 'spec' | 'parse' | 'compile' | 'execute' };

export interface PreviewEngineOptions {
  /** Compiles (FHIR definitions, message structures). */
  catalog: SchemaCatalog;
  /** Validates outputs; the compile catalog when omitted. The studio's worker asks its host for value-set expansions. */
  validation?: FhirValidationCatalog;
}

/**
 * The one preview pipeline: the studio's worker and the Node hosts both run a sample (an HL7 v2
 * message, a JSON document, a CSV file whose first row is mapped) through this,
 * and it calls what the runtime calls (parseSpec, compileWithCatalog, mapMessage), so what the
 * analyst sees is what production does. The compiled mapping is kept per spec (by its JSON) and
 * validators per target types, so a keystroke in the sample recompiles nothing. Never throws.
 */
export function createPreviewEngine(options: PreviewEngineOptions): (spec: MappingSpec | unknown, text: string, run?: { trace?: boolean; validate?: boolean }) => Promise<PreviewOutcome> {
  let compiled: { key: string; mapping: Promise<CompiledMapping> } | undefined;
  const validators = new Map<string, Promise<FhirValidator>>();
  const validatorFor = (types: string[]): Promise<FhirValidator> => {
    const key = [...types].sort().join(',');
    let validator = validators.get(key);
    if (!validator) {
      validator = prepareFhirValidator(options.validation ?? options.catalog, types);
      validators.set(key, validator);
      validator.catch(() => validators.delete(key));
    }
    return validator;
  };
  const fail = (error: unknown, stage: NonNullable<PreviewOutcome['stage']>): PreviewOutcome => {
    const data: CrosswalkErrorData = error instanceof CrosswalkError
      ? error.toJSON()
      // What the exception says may quote the sample: detail only, never the sentence.
      : { code: 'PREVIEW_FAILED', message: 'The preview failed unexpectedly.', where: {}, detail: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
    return { ok: false, error: data, stage };
  };

  let format: { key: string; format: InputFormat } | undefined;

  return async (input, text, run = {}) => {
    let spec: MappingSpec;
    let key: string;
    try {
      spec = parseSpec(input, 'mapping');
      key = JSON.stringify(spec);
      // How the mapping reads its inputs (HL7 v2, JSON, CSV with its column types), once per spec.
      if (format?.key !== key) format = { key, format: inputFormatOf(spec) };
    } catch (error) {
      return fail(error, 'spec');
    }
    let message;
    try {
      // A CSV sample is a file: its first row is previewed.
      message = readOneInput(format.format, text, { first: format.format.standard === 'csv' });
    } catch (error) {
      return fail(error, 'parse');
    }
    let mapping: CompiledMapping;
    try {
      if (compiled?.key !== key) {
        const pending = compileWithCatalog(spec, options.catalog);
        compiled = { key, mapping: pending };
        pending.catch(() => { if (compiled?.mapping === pending) compiled = undefined; });
      }
      mapping = await compiled.mapping;
      if (run.validate) mapping = { ...mapping, validator: await validatorFor(targetResourceTypes(spec)) };
    } catch (error) {
      return fail(error, 'compile');
    }
    const outcome = mapMessage(mapping, message, { trace: run.trace === true, validate: run.validate === true });
    return outcome.ok ? outcome : { ...outcome, stage: 'execute' };
  };
}
