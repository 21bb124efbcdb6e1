import { loadBundle } from '../../../common/bundle/loadBundle';
import { computeCoverage } from '../../../common/coverage/computeCoverage';
import type { CoverageSample, MappingCoverage } from '../../../common/coverage/MappingCoverage';
import { documentBundle, type DocumentFormat } from '../../../common/doc/documentBundle';
import { mappingRows, type MapRows } from '../../../common/mapping/read/mappingRows';
import { rowsToCsv } from '../../../common/mapping/read/rowsCsv';
import { specPortEnv } from '../../../common/mapping/read/specPortEnv';
import type { MappingSpec } from '../../../common/mapping/spec/MappingSpec';
import { parseSpec } from '../../../common/mapping/spec/parseSpec';
import type { SchemaCatalog } from '../../../common/schema/SchemaCatalog';
import type { BundleDocument } from '../../../common/studio';
import type { BundleCodec } from '../files/bundleCodec';
import { fileStem } from '../files/BundleFiles';

/** The authoring views of an open mapping (issue 9): coverage, the table view's rows, the documentation. */
export interface AuthoringTools {
  coverage(document: BundleDocument, samples: readonly CoverageSample[]): Promise<MappingCoverage>;
  rows(document: BundleDocument): { maps: MapRows[]; csv: string };
  documentation(document: BundleDocument, format: DocumentFormat, samples: readonly CoverageSample[]): Promise<{ fileName: string; text: string }>;
}

/** The mapping of a bundle document as the studio holds it (or a bare spec), checked as the preview checks it. */
const specOf = (document: BundleDocument): MappingSpec => parseSpec(document.mapping ?? document, 'mapping');

/**
 * The authoring tools over the host's schema catalog. The documentation reads the document the
 * way saving writes it (the bundle codec, then the bundle reader), so it documents exactly the
 * file Save would write, with that file's hash.
 */
export function authoringTools(catalog: SchemaCatalog, codec: BundleCodec): AuthoringTools {
  return {
    coverage: (document, samples) => computeCoverage(specOf(document), catalog, samples),
    rows(document) {
      const spec = specOf(document);
      const maps = mappingRows(spec, specPortEnv(spec));
      return { maps, csv: rowsToCsv(maps) };
    },
    async documentation(document, format, samples) {
      const loaded = loadBundle(codec.serialize(document).text);
      const text = await documentBundle({ ...loaded.content, format: loaded.bundle.format, hash: loaded.bundle.hash }, catalog, format, samples);
      return { fileName: `${fileStem(document)}.${format === 'html' ? 'html' : 'md'}`, text };
    },
  };
}
