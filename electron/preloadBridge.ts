import { hostCommandSchema, studioMethodNames, type HostCommand, type StudioBridge } from '../shared/common/studio';
import { hostCommandChannel, studioChannel } from './ipcChannels';

/** The slice of Electron's ipcRenderer the preload uses. */
export interface RendererIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * The one object the preload exposes: a function per Studio API method (each bound to its own
 * fixed channel, so the page cannot name a channel) and a subscription to menu commands whose
 * payloads are validated before the page sees them. The IPC event object never reaches the page.
 */
export function createPreloadBridge(ipc: RendererIpc): StudioBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of studioMethodNames) {
    const channel = studioChannel(method);
    bridge[method] = (argsJson: string) => ipc.invoke(channel, argsJson) as Promise<string>;
  }
  bridge.onHostCommand = (listener: (command: HostCommand) => void) => {
    const forward = (_event: unknown, payload: unknown) => {
      const command = hostCommandSchema.safeParse(payload);
      if (command.success) listener(command.data);
    };
    ipc.on(hostCommandChannel, forward);
    return () => void ipc.removeListener(hostCommandChannel, forward);
  };
  return bridge as StudioBridge;
}
