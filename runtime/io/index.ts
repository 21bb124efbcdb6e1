export { decodeText, type DecodedText } from './decodeText';
export { expandInputs, MESSAGE_FILE_EXTENSIONS, STDIN, type ExpandedInput } from './expandInputs';
export { readInputText } from './readInputText';
export { LineWriter } from './LineWriter';
