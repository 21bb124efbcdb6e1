import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './sha256';

/** `sha256:<hex>` over the compact canonical JSON of the bundle without its `hash` and `layout` members (format 2). */
export function bundleHash(bundle: Record<string, unknown>): string {
  const { hash: _hash, layout: _layout, ...content } = bundle;
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}

/** Format 1's rule: every member but `hash` (its layout sat inside the mapping, so inside the hash). */
export function bundleHashV1(bundle: Record<string, unknown>): string {
  const { hash: _hash, ...content } = bundle;
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}
