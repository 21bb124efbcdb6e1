export * from './ValueMap';
export * from './applyValueMap';
export * from './parseValueMap';
export * from './conceptMap';
export * from './csv';
export * from './coverage';
export * from './igVocabulary';
