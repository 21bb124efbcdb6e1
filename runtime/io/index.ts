export { expandInputs, MESSAGE_FILE_EXTENSIONS, STDIN, type ExpandedInput } from './expandInputs';
export { hl7ReadOptions } from './hl7ReadOptions';
export { readInputBytes } from './readInputBytes';
export { LineWriter } from './LineWriter';
