/**
 * The studio page's Content-Security-Policy, the same in Electron and the web host. Scripts,
 * workers and connections only from the app itself (no CDN, no eval); inline styles are allowed
 * because Monaco and React Flow set element styles at run time.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
