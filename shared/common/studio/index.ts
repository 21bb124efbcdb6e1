export * from './StudioApi';
export * from './studioMethods';
export * from './studioSchemas';
export * from './reviewMethods';
export { createStudioClient, type StudioTransport } from './createStudioClient';
export { dispatchStudioCall } from './dispatchStudioCall';
export { describeZodIssue } from './describeZodIssue';
export * from './studioHttp';
export * from './contentSecurityPolicy';
