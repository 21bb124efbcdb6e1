import { utf8Bytes } from '../../bundle/sha256';
import { CrosswalkError } from '../../errors/CrosswalkError';
import { isBase64Binary } from '../../fhir/primitives';
import type { FunctionDefinition } from '../FunctionDefinition';
import { text } from '../util/values';

/** White space, and the escapes that stand for a line break in a decoded value (`\.br\`, `\X0D0A\`). */
const LINE_BREAKS = /\s+|\\\.br\\|\\X(?:0D0A|0D|0A)\\/gi;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < length ? bytes[i + 1] : 0;
    const c = i + 2 < length ? bytes[i + 2] : 0;
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=';
    out += i + 2 < length ? ALPHABET[c & 63] : '=';
  }
  return out;
}

/**
 * ED.5 (Data) as FHIR base64Binary, by the encoding ED.4 names (HL7 table 0299): `Base64` is kept
 * (white space removed), `Hex` and `A` (plain text, as UTF-8) are encoded, as the IG's ED[Attachment]
 * asks ("convert from A or HEX to binary64").
 */
export const toBase64: FunctionDefinition = {
  id: 'string.toBase64',
  category: 'string',
  label: 'Data → base64',
  description: 'The data of an encapsulated data value (ED.5) as FHIR base64Binary, by its encoding (ED.4, table 0299): Base64 kept (white space and line-break escapes removed), Hex and A (text, as UTF-8) encoded. Data that does not fit its encoding, or an unknown encoding, is refused (BINARY_INVALID).',
  inputs: [
    { name: 'value', type: 'string', description: 'The data (ED.5).' },
    { name: 'encoding', type: 'code', optional: true, description: 'Base64 (the default), Hex or A (ED.4).' },
  ],
  output: { type: 'string', description: 'base64Binary text.' },
  examples: [
    { inputs: { value: 'JVBERi0x\nLjQK', encoding: 'Base64' }, output: 'JVBERi0xLjQK' },
    { inputs: { value: 'JVBERi0x\\.br\\LjQK\\X0D0A\\', encoding: 'Base64' }, output: 'JVBERi0xLjQK' },
    { inputs: { value: '255044462D312E34', encoding: 'Hex' }, output: 'JVBERi0xLjQ=' },
    { inputs: { value: 'Négatif', encoding: 'A' }, output: 'TsOpZ2F0aWY=' },
    { inputs: { value: 'not base64!', encoding: 'Base64' }, error: 'BINARY_INVALID' },
    { inputs: { value: '0G', encoding: 'Hex' }, error: 'BINARY_INVALID' },
    { inputs: { value: 'abc', encoding: 'UU' }, error: 'BINARY_INVALID' },
    { inputs: { value: undefined, encoding: 'A' }, output: undefined },
  ],
  apply(inputs) {
    const value = text(inputs.value);
    if (value === undefined) return undefined;
    const encoding = (text(inputs.encoding) ?? 'Base64').trim().toUpperCase();
    if (encoding === 'BASE64') {
      // Senders break long base64 into lines with \.br\ or CR LF escapes; a decoder skips line breaks.
      const base64 = value.replace(LINE_BREAKS, '');
      if (!isBase64Binary(base64)) throw new CrosswalkError('BINARY_INVALID', 'The data is not valid Base64, which its encoding says it is.');
      return base64;
    }
    if (encoding === 'HEX') {
      const hex = value.replace(/\s+/g, '');
      if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) throw new CrosswalkError('BINARY_INVALID', 'The data is not hexadecimal pairs, which its encoding says it is.');
      const bytes = new Uint8Array(hex.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      return encode(bytes, bytes.length);
    }
    if (encoding === 'A') {
      const bytes = utf8Bytes(value);
      return encode(bytes, bytes.length);
    }
    throw new CrosswalkError('BINARY_INVALID', 'The encoding of the data is not one HL7 table 0299 defines (A, Hex, Base64).');
  },
};
