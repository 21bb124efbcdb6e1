/**
 * Deterministic resource ids: the same message always yields the same urn:uuid values, so
 * re-running a message gives byte-identical output, and different messages get different ids.
 * The hash is not for security (the bundle hash is SHA-256); it must be fast, because it runs
 * over every message text.
 */

/** cyrb53: a fast 53-bit string hash with good spread (public domain, bryc). */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/** A 106-bit key of a message text (two independently seeded hashes), as 28 hex digits. */
export function messageKey(text: string): string {
  return hex(cyrb53(text, 0x9e3779b9), 14) + hex(cyrb53(text, 0x7f4a7c15), 14);
}

/**
 * An RFC 9562 version-8 (custom) UUID derived from the message key, the target id and the
 * resource's position among that target's resources.
 */
export function resourceUuid(key: string, target: string, index: number): string {
  const seed = `${key}|${target}|${index}`;
  const a = hex(cyrb53(seed, 1), 14);
  const b = hex(cyrb53(seed, 2), 14);
  const c = hex(cyrb53(seed, 3), 14);
  const digits = (a + b + c).slice(0, 32);
  const variant = ((parseInt(digits[16], 16) & 0x3) | 0x8).toString(16);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-8${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20, 32)}`;
}
