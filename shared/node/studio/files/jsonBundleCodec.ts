import type { BundleCodec } from './bundleCodec';
import { parseJsonDocument } from './bundleCodec';

/** Plain JSON files, two-space indented; replaced by the bundle module's canonical, hash-sealed form. */
export const jsonBundleCodec: BundleCodec = {
  parse: parseJsonDocument,
  serialize: (bundle) => ({ text: `${JSON.stringify(bundle, null, 2)}\n` }),
};
