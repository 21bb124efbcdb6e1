export { Random } from './Random';
export { generateAdtA01, generateAdtA01WithIdentifiers, generateMessages, generateOruR01 } from './generateMessages';
