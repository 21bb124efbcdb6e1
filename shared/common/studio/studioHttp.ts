/** How the web host and its client agree on the launch token (header on API calls, cookie after the first page load). */
export const studioTokenHeader = 'x-crosswalk-token';
export const studioTokenCookie = 'crosswalk_token';
export const studioTokenParam = 'token';
/** API calls are `POST /api/<method>` with the method's argument object as the JSON body. */
export const studioApiPrefix = '/api/';
