import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './sha256';

/** `sha256:<hex>` over the compact canonical JSON of the bundle without its `hash` member. */
export function bundleHash(bundle: Record<string, unknown>): string {
  const { hash: _hash, ...content } = bundle;
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}
