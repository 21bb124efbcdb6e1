import { createSchemaCatalog, type SchemaCatalog } from '../../../shared/common/schema';
import { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import type { FhirValidationCatalog } from '../../../shared/common/fhir';

// The FHIR element definitions the compiler and validator need, and the HL7 v2 message structures
// groups are read against, as lazily loaded chunks of the same generated index files the runtime
// reads: the preview resolves paths and places segments exactly as production.
const schemaFiles = import.meta.glob<unknown>(
  [
    '../../../generated/schemas/fhir-r4/index.json', '../../../generated/schemas/fhir-r4/datatypes.json', '../../../generated/schemas/fhir-r4/types/*.json',
    '../../../generated/schemas/hl7v2/*.json', '!../../../generated/schemas/hl7v2/tables.json',
  ],
  { import: 'default' },
);
const prefix = '../../../generated/schemas/';

let catalog: SchemaCatalog | undefined;

export function workerCatalog(): SchemaCatalog {
  catalog ??= createSchemaCatalog({
    read(file: string) {
      const load = schemaFiles[`${prefix}${file}`];
      if (!load) return Promise.reject(new CrosswalkError('SCHEMA_DATA_MISSING', `The schema file ${file} is not bundled with the studio's preview.`, { file }));
      return load();
    },
  });
  return catalog;
}

/**
 * The validator's view of the catalog: definitions from the bundled index files, value-set
 * expansions from the host (terminology is large and loaded on demand, once per value set).
 */
export function validationCatalog(expand: (url: string) => Promise<{ concepts: { system?: string; code: string }[] }>): FhirValidationCatalog {
  const c = workerCatalog();
  return {
    fhirChildren: (type, path) => c.fhirChildren(type, path),
    preloadFhir: (types) => c.preloadFhir(types),
    async expandValueSet(url) {
      const { concepts } = await expand(url);
      // An empty expansion means the host could not enumerate it: checks become warnings, not errors.
      return { concepts, complete: concepts.length > 0 };
    },
  };
}
