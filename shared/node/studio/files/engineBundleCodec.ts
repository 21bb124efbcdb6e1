import { BUNDLE_FORMAT, createBundle, readBundleJson, serializeBundle, type BundleMetadata, type BundleTestCase } from '../../../common/bundle';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import type { MappingSpec } from '../../../common/mapping/spec/MappingSpec';
import { parseSpec } from '../../../common/mapping/spec/parseSpec';
import type { BundleDocument } from '../../../common/studio';
import { parseJsonDocument, type BundleCodec } from './bundleCodec';

/** Metadata for a mapping saved for the first time from a bare spec. */
const untitled: BundleMetadata = { name: 'Untitled mapping', version: '0.1.0' };

/**
 * Bundle files as the runtime reads them (shared/common/bundle, the one bundle reader): opening
 * verifies the format, the hash and the mapping (migrating older formats) and hands the studio
 * what it edits, `{ metadata, mapping, tests }` (the mapping with its layout, test inputs as
 * message text); saving validates everything, puts the mapping in canonical order and seals it
 * with a fresh hash, so a saved file always loads. A bare mapping spec file (`crosswalk.mapping/…`)
 * opens too and is saved as a bundle.
 */
export const engineBundleCodec: BundleCodec = {
  parse(text, file) {
    const json = parseJsonDocument(text, file);
    if (typeof json.format === 'string' && json.format.startsWith('crosswalk.mapping/')) {
      return { metadata: untitled, mapping: parseSpec(json, 'mapping'), tests: [] } as unknown as BundleDocument;
    }
    const { content, migratedFrom } = readBundleJson(json, file);
    return { ...content, ...(migratedFrom ? { migratedFrom } : {}) } as unknown as BundleDocument;
  },

  serialize(document) {
    if (document.mapping === undefined) {
      throw new CrosswalkError('BUNDLE_INVALID', `The document to save has no mapping, so it cannot be written as a ${BUNDLE_FORMAT} bundle.`, { path: 'mapping' });
    }
    const bundle = createBundle({
      metadata: (document.metadata ?? untitled) as BundleMetadata,
      mapping: document.mapping as MappingSpec,
      tests: (document.tests ?? []) as BundleTestCase[],
    });
    return { text: serializeBundle(bundle), hash: bundle.hash };
  },
};
