import {
  createStudioClient, type StudioBridge, type StudioClient, type StudioEnvelope, type StudioMethodName,
} from '../../shared/common/studio';
import { studioTokenHeader, studioTokenParam } from '../../shared/common/studio/studioHttp';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser served by the web host. */
    crosswalk?: StudioBridge;
  }
}

let client: StudioClient | undefined;

/**
 * The Studio API for the renderer: through the Electron preload when the page runs in the desktop
 * shell, else over HTTP to the web host that served the page, with the launch token from the URL.
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
        credentials: 'same-origin',
      });
    } catch {
      return hostUnreachable(method);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (isEnvelope(body)) return body;
    return { ok: false, error: { code: 'CW_STUDIO_HTTP', message: `The web host answered ${method} with HTTP ${response.status}.`, where: { path: method } } };
  });
}

/** The token arrives once as `?token=`; kept for the tab's life so the app may rewrite its URL. */
function readToken(): string | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get(studioTokenParam);
  if (fromUrl) {
    try { window.sessionStorage.setItem('crosswalk.token', fromUrl); } catch { /* storage disabled: the cookie still works */ }
    return fromUrl;
  }
  try { return window.sessionStorage.getItem('crosswalk.token') ?? undefined; } catch { return undefined; }
}

function isEnvelope(value: unknown): value is StudioEnvelope {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function hostUnreachable(method: string): StudioEnvelope {
  return { ok: false, error: { code: 'CW_STUDIO_UNREACHABLE', message: 'The Crosswalk web host is not reachable; start it again with `npm run web`.', where: { path: method } } };
}
