import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * The renderer is served from `crosswalk://app/` (a privileged standard scheme) rather than
 * file://, so the CSP's 'self' means the app's own files and nothing else on disk.
 */
export const appScheme = 'crosswalk';
export const appOrigin = `${appScheme}://app`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** The file under rendererDir that an app URL names, or undefined for anything outside it. */
export function resolveAppAsset(rendererDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== 'app') return undefined;
  let relative: string;
  try {
    const decoded = decodeURIComponent(parsed.pathname);
    // Refuse any '..' step outright instead of letting normalize() fold it away.
    if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return undefined;
    relative = normalize(decoded).replace(/^([/\\])+/, '');
  } catch {
    return undefined;
  }
  const root = resolve(rendererDir);
  const file = join(root, relative || 'index.html');
  return file.startsWith(root + sep) ? file : undefined;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return types[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
