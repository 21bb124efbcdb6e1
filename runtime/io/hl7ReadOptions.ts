import type { Hl7BytesOptions } from '../../shared/common/hl7v2/index';

/**
 * How the runtime reads HL7 bytes (iterateHl7Bytes): Node's TextDecoder, refusing bytes that are not
 * valid in the encoding (the byte-order mark is kept for the codec to skip), and Buffer's native
 * Latin-1 slice for the one-character-per-byte string the messages are split on.
 */
export const hl7ReadOptions: Omit<Hl7BytesOptions, 'file'> = {
  decoders: (label) => new TextDecoder(label, { fatal: true, ignoreBOM: true }),
  latin1: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
};
