import { CrosswalkError } from '../../errors/CrosswalkError';

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence (-1: all valid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0) || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Why a JSON or CSV input is refused whole (INPUT_ENCODING, the byte offset): no message boundary
 * can be trusted past a byte that is not UTF-8. The runtime and the studio's sample loader say the same.
 */
export function invalidUtf8Error(offset: number, file?: string): CrosswalkError {
  return new CrosswalkError('INPUT_ENCODING', `The input is not valid UTF-8 at byte ${offset}; JSON and CSV inputs are read as UTF-8.`, { ...(file !== undefined ? { file } : {}), offset });
}
