import {
  createStudioClient, type StudioBridge, type StudioClient, type StudioEnvelope, type StudioMethodName,
} from '../../shared/common/studio';
import { studioTokenHeader, takeLaunchToken } from '../../shared/common/studio/studioHttp';

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
  return createStudioClient(async (method: StudioMethodName, args: unknown): Promise<StudioEnvelope> => {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [studioTokenHeader]: token } : {}) },
        body: JSON.stringify(args),
        // The header is the only credential; the host sets no cookie and accepts none.
        credentials: 'omit',
      });
    } catch {
      return hostUnreachable(method);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (isEnvelope(body)) return body;
    return { ok: false, error: { code: 'CW_STUDIO_HTTP', message: `The web host answered ${method} with HTTP ${response.status}.`, where: { path: method } } };
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

function isEnvelope(value: unknown): value is StudioEnvelope {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function hostUnreachable(method: string): StudioEnvelope {
  return { ok: false, error: { code: 'CW_STUDIO_UNREACHABLE', message: 'The Crosswalk web host is not reachable; start it again with `npm run web`.', where: { path: method } } };
}
