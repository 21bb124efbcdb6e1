import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * The built renderer's file that a URL path names (`/` is index.html), for both shells that
 * serve it (Electron's app protocol, the web host). Undefined for a path that could leave
 * rendererDir: a '..' step or NUL is refused outright instead of letting normalize() fold it
 * away. A malformed %-escape throws URIError, which each shell answers in its own way.
 */
export function rendererAssetPath(rendererDir: string, pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const root = resolve(rendererDir);
  const file = join(root, relative || 'index.html');
  return file.startsWith(root + sep) ? file : undefined;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.wasm': 'application/wasm', '.map': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
