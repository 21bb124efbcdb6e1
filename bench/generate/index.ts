export { Random } from './Random';
export { generateAdtA01, generateMessages, generateOruR01 } from './generateMessages';
