import type { SchemaCatalog, TerminologyKind as CatalogTerminologyKind } from '../../../common/schema';
import { searchReads } from '../../../common/mapping/compile/compileRequest';
import type { FhirResourceJson, TerminologyKind } from '../../../common/studio';
import type { StudioCatalog } from '../StudioService';

const kinds: Record<TerminologyKind, CatalogTerminologyKind> = { valueSet: 'ValueSet', conceptMap: 'ConceptMap', codeSystem: 'CodeSystem' };

/** The schema catalog (shared/common/schema) seen through the Studio API's shapes. */
export function schemaCatalogAdapter(catalog: SchemaCatalog): StudioCatalog {
  return {
    listStandards: () => catalog.standards(),
    listStructures: (standard, version) => catalog.listStructures(standard, version),
    async loadTree(ref, path, depth, hideBoilerplate) {
      const options = { depth, hideBoilerplate };
      if (path === undefined) return [await catalog.tree(ref, options)];
      const node = await catalog.tree(ref, { ...options, path });
      return node.children ?? [];
    },
    search: (ref, query, limit) => catalog.search(ref, query, { limit }),
    async listSearchParameters(resource) {
      await catalog.preloadFhir([resource]);
      return catalog.fhirSearchParameters(resource).map((parameter) => {
        const reads = searchReads(resource, parameter, catalog);
        return { ...parameter, conditional: typeof reads === 'string' ? reads : true as const };
      });
    },
    async listTerminology(kind, query, limit) {
      const found = await catalog.listTerminology(kinds[kind], query, limit);
      return found.map((entry) => ({ ...entry, kind }));
    },
    async expandValueSet(url) {
      const expansion = await catalog.expandValueSet(url);
      return { concepts: expansion.concepts, complete: expansion.complete };
    },
    getConceptMap: async (idOrUrl) => (await catalog.getConceptMap(idOrUrl)) as unknown as FhirResourceJson,
    getCodeSystem: async (url) => (await catalog.getCodeSystem(url)) as unknown as FhirResourceJson,
  };
}
