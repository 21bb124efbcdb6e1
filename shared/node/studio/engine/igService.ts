import { describeIgImport } from '../../../common/ig/IgImportResult';
import { igMappingDocument } from '../../../common/ig/igMappingDocument';
import { importIgMessage } from '../../../common/ig/importIgMessage';
import type { IgTables } from '../../../common/ig/IgTables';
import type { SchemaCatalog } from '../../../common/schema/SchemaCatalog';
import type { BundleDocument } from '../../../common/studio';
import { nodeIgTables } from '../../ig/nodeIgTables';
import type { IgService } from '../StudioService';

/** Starting a mapping from the IG, over the compact IG tables of generated/ig and the schema catalog. */
export function igService(catalog: SchemaCatalog, tablesFile: string): IgService {
  let loaded: Promise<IgTables> | undefined;
  const tables = (): Promise<IgTables> => {
    loaded ??= nodeIgTables(tablesFile).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  return {
    async list() {
      const described = new Map((await catalog.listStructures('hl7v2', '2.5.1')).map((s) => [s.name, s.description]));
      return (await tables()).messages.map(({ name }) => {
        const [type, event] = name.split('_');
        const description = described.get(name);
        return { message: name, type, event, ...(description ? { description } : {}) };
      });
    },
    async create({ message, version, defaultTimezone }) {
      const result = await importIgMessage(message, await tables(), catalog, { ...(version ? { version } : {}), ...(defaultTimezone ? { defaultTimezone } : {}) });
      const { spec: _spec, ...report } = result;
      const document = igMappingDocument(result);
      return {
        name: document.metadata.name,
        bundle: document as unknown as BundleDocument,
        report: { ...report, summary: describeIgImport(result) },
      };
    },
  };
}
