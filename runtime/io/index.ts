export { expandInputs, inputFileExtensions, MESSAGE_FILE_EXTENSIONS, STDIN, type ExpandedInput } from './expandInputs';
export { hl7ReadOptions } from './hl7ReadOptions';
export { readInputBytes } from './readInputBytes';
export { LineWriter } from './LineWriter';
export { iterateTextInputs, type TextInputItem } from './iterateTextInputs';
