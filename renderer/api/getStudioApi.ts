import {
  createStudioClient, type StudioBridge, type StudioClient, type StudioEnvelope, type StudioMethodName,
} from '../../shared/common/studio';
import { studioTokenHeader, takeLaunchToken } from '../../shared/common/studio/studioHttp';
import { writeJson } from '../../shared/common/json/writeJson';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser served by the web host. */
    crosswalk?: StudioBridge;
  }
}

let client: StudioClient | undefined;

/**
 * The Studio API for the renderer: through the Electron preload when the page runs in the desktop
 * shell, else over HTTP to the web host that served the page, with the launch token from the URL's
 * fragment. Called once as the page starts (main.tsx), so the token leaves the address bar at once.
 */
export function getStudioApi(): StudioClient {
  client ??= window.crosswalk ? electronClient(window.crosswalk) : webClient(readToken());
  return client;
}

function electronClient(bridge: StudioBridge): StudioClient {
  return createStudioClient((method, args) => bridge[method](args), (listener) => bridge.onHostCommand(listener));
}

function webClient(token: string | undefined): StudioClient {
  return createStudioClient(async (method: StudioMethodName, argsJson: string): Promise<string> => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [studioTokenHeader]: token } : {}) },
        // JSON text written by writeJson: decimals (`1.50` in a test's expected output) travel as written, both ways.
        body: argsJson,
        // The header is the only credential; the host sets no cookie and accepts none.
        credentials: 'omit',
      });
    } catch {
      return hostUnreachable(method);
    }
    // The host answers every API call with an envelope as JSON; anything else (a proxy's error page) is reported by status.
    const body = await response.text().catch(() => '');
    if ((response.headers.get('content-type') ?? '').startsWith('application/json')) return body;
    return writeJson({ ok: false, error: { code: 'CW_STUDIO_HTTP', message: `The web host answered ${method} with HTTP ${response.status}.`, where: { path: method } } } satisfies StudioEnvelope);
  });
}

const tokenKey = 'crosswalk.token';

/**
 * The token arrives once in the launch address's fragment (`/#token=...`, never sent to a server).
 * It is kept in memory and in sessionStorage (this tab's reloads; the storage is this origin's
 * alone, unlike cookies) and taken out of the address bar, so it is not copied, shared or
 * bookmarked with the address.
 */
function readToken(): string | undefined {
  const { token, rest } = takeLaunchToken(window.location.hash);
  if (token) {
    try { window.sessionStorage.setItem(tokenKey, token); } catch { /* storage disabled: a reload needs the launch address again */ }
    try {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest}`);
    } catch { /* the address keeps the token; the API still works */ }
    return token;
  }
  try { return window.sessionStorage.getItem(tokenKey) ?? undefined; } catch { return undefined; }
}

function hostUnreachable(method: string): string {
  return writeJson({ ok: false, error: { code: 'CW_STUDIO_UNREACHABLE', message: 'The Crosswalk web host is not reachable; start it again with `npm run web`.', where: { path: method } } } satisfies StudioEnvelope);
}
