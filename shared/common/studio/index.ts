export * from './StudioApi';
export * from './studioMethods';
export * from './studioSchemas';
export { createStudioClient, type StudioTransport } from './createStudioClient';
export { dispatchStudioCall, dispatchStudioText, readStudioPayload } from './dispatchStudioCall';
export { describeZodIssue } from './describeZodIssue';
export * from './studioHttp';
export * from './contentSecurityPolicy';
