import { rendererAssetPath } from '../shared/node/studio/rendererAssets';

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
  try {
    return rendererAssetPath(rendererDir, parsed.pathname);
  } catch {
    return undefined;
  }
}
