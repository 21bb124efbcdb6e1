export * from './FhirDefinitions';
export * from './FhirIssue';
export * from './primitives';
export * from './validateFhir';
export * from './prepareFhirValidator';
