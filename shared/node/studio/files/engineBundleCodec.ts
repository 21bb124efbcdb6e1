import { BUNDLE_FORMAT, createBundle, loadBundle, serializeBundle, type BundleMetadata, type BundleTestCase } from '../../../common/bundle';
import { CrosswalkError } from '../../../common/errors/CrosswalkError';
import type { MappingSpec } from '../../../common/mapping/spec/MappingSpec';
import { parseSpec } from '../../../common/mapping/spec/parseSpec';
import type { BundleDocument } from '../../../common/studio';
import { parseJsonDocument, type BundleCodec } from './bundleCodec';

/** Metadata for a mapping saved for the first time from a bare spec. */
const untitled: BundleMetadata = { name: 'Untitled mapping', version: '0.1.0' };

/**
 * Bundle files as the runtime reads them (shared/common/bundle): opening verifies the format,
 * the hash and the mapping (migrating an older spec format); saving validates everything, puts
 * the mapping in canonical order and seals it with a fresh hash, so a saved file always loads.
 * A bare mapping spec file (`crosswalk.mapping/…`) opens too and is saved as a bundle.
 */
export const engineBundleCodec: BundleCodec = {
  parse(text, file) {
    const json = parseJsonDocument(text, file);
    if (typeof json.format === 'string' && json.format.startsWith('crosswalk.mapping/')) {
      return parseSpec(json, 'mapping') as unknown as BundleDocument;
    }
    const { bundle, spec } = loadBundle(text, file);
    return { ...bundle, mapping: spec } as unknown as BundleDocument;
  },

  serialize(document) {
    const isBareSpec = document.mapping === undefined && typeof document.format === 'string' && document.format.startsWith('crosswalk.mapping/');
    if (!isBareSpec && document.mapping === undefined) {
      throw new CrosswalkError('BUNDLE_INVALID', `The document to save has no mapping; it is neither a ${BUNDLE_FORMAT} bundle nor a mapping spec.`, { path: 'mapping' });
    }
    const bundle = createBundle({
      metadata: (isBareSpec ? untitled : document.metadata ?? untitled) as BundleMetadata,
      mapping: (isBareSpec ? document : document.mapping) as MappingSpec,
      tests: (isBareSpec ? [] : document.tests ?? []) as BundleTestCase[],
    });
    return { text: serializeBundle(bundle), hash: bundle.hash };
  },
};
