import { writeJson } from '../shared/common/json/writeJson';
import { dispatchStudioText, studioMethodNames, type StudioApi } from '../shared/common/studio';
import { appOrigin } from './appProtocol';
import { studioChannel } from './ipcChannels';

/** The part of an IPC event a handler needs: who sent it. Electron's IpcMainInvokeEvent fits it. */
export interface IpcSender {
  senderFrame: { url: string; parent: unknown } | null;
}

/** Takes the arguments as JSON text and answers the envelope as JSON text (decimals keep their text both ways). */
export type IpcHandler = (event: IpcSender, payload: unknown) => Promise<string>;

/**
 * One handler per Studio API method, as plain functions (tested without Electron). A call is
 * served only when it comes from the top frame of our own app page: not from an iframe, a page
 * the window was somehow navigated to, or a destroyed frame. Payloads are JSON text, read and
 * validated by the method table inside dispatchStudioText.
 */
export function createIpcHandlers(api: StudioApi): Map<string, IpcHandler> {
  const handlers = new Map<string, IpcHandler>();
  for (const method of studioMethodNames) {
    handlers.set(studioChannel(method), async (event, payload) => {
      if (!isTrustedSender(event)) {
        return writeJson({ ok: false, error: { code: 'CW_STUDIO_UNTRUSTED_SENDER', message: 'The request did not come from the Crosswalk studio page.', where: { path: method } } });
      }
      return dispatchStudioText(api, method, payload);
    });
  }
  return handlers;
}

export function isTrustedSender(event: IpcSender): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === appOrigin || frame.url.startsWith(`${appOrigin}/`);
  } catch {
    return false;
  }
}
