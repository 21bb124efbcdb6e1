/** How the web host and its client agree on the launch token (header on API calls, cookie after the first page load). */
export const studioTokenHeader = 'x-crosswalk-token';
/**
 * Cookies are shared by every port of a host, so the name carries the port: two studios running
 * side by side keep their own tokens, and no other local service on 127.0.0.1 is sent ours.
 */
export function studioTokenCookie(port: number): string {
  return `crosswalk_token_${port}`;
}
export const studioTokenParam = 'token';
/** API calls are `POST /api/<method>` with the method's argument object as the JSON body. */
export const studioApiPrefix = '/api/';
