import type { Hl7Message } from '../../hl7v2';

/**
 * Deterministic resource ids: the same message always yields the same urn:uuid values, so
 * re-running a message gives byte-identical output, and different messages get different ids.
 * The hash is not for security (the bundle hash is SHA-256); it runs over every message, so it
 * is one pass of two independent 32-bit multiply-xor lanes, finalized into 128 bits, with no
 * string built. (fullUrls only need to be unique within one output Bundle; 64 bits of message
 * entropy keep them apart across messages too.)
 */

/** A 128-bit key of a message, as four 32-bit lanes. */
export type MessageKey = readonly [number, number, number, number];

const SEEDS = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f] as const;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

class KeyHasher {
  a: number = SEEDS[0];
  b: number = SEEDS[1];

  add(text: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      a = Math.imul(a ^ ch, 2654435761);
      b = Math.imul(b ^ ch, 1597334677);
    }
    this.a = a;
    this.b = b;
  }

  key(length: number): MessageKey {
    const a = fmix(this.a ^ length);
    const b = fmix(this.b ^ Math.imul(length, 31));
    return [a, b, fmix(a ^ SEEDS[2] ^ Math.imul(b, 5)), fmix(b ^ SEEDS[3] ^ Math.imul(a, 7))];
  }
}

/** The key of a text. */
export function messageKey(text: string): MessageKey {
  const h = new KeyHasher();
  h.add(text);
  return h.key(text.length);
}

/** The key of a parsed message: the same as messageKey(message.toString()), without building that string. */
export function messageKeyOf(message: Hl7Message): MessageKey {
  const h = new KeyHasher();
  let length = 0;
  for (const segment of message.segments) {
    const raw = segment.raw;
    h.add(raw);
    h.add('\r');
    length += raw.length + 1;
  }
  return h.key(length);
}

/** A 32-bit hash of a short name (a target id), computed once at compile time. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return fmix(h);
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

/**
 * An RFC 9562 version-8 (custom) UUID from the message key, the target (its name hash) and the
 * resource's position among that target's resources.
 */
export function resourceUuid(key: MessageKey, target: number | string, index: number): string {
  const t = typeof target === 'string' ? nameHash(target) : target;
  const w0 = fmix(key[0] ^ t ^ Math.imul(index + 1, 0x9e3779b1));
  const w1 = fmix(key[1] ^ w0 ^ Math.imul(t, 31));
  const w2 = fmix(key[2] ^ w1 ^ index);
  const w3 = fmix(key[3] ^ w2 ^ t);
  const a = hex8(w0);
  const b = hex8((w1 & 0xffff0fff) | 0x00008000); // version 8 in the 13th hex digit
  const c = hex8((w2 & 0x3fffffff) | 0x80000000); // variant 10xx
  const d = hex8(w3);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
