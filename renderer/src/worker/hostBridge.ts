import type { WorkerToMain } from '../preview/workerProtocol';

// The worker cannot reach the Studio API itself (Electron's preload lives in the window), so the
// few host calls it needs go through the window: one request, one reply, matched by id.
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let ids = 0;
let post: ((message: WorkerToMain) => void) | undefined;

export function connectHostBridge(postMessage: (message: WorkerToMain) => void): void {
  post = postMessage;
}

export function settleHostCall(id: number, ok: boolean, value: unknown): void {
  const call = pending.get(id);
  if (!call) return;
  pending.delete(id);
  if (ok) call.resolve(value);
  else call.reject(new Error(typeof value === 'string' ? value : 'The host call failed.'));
}

export function expandValueSetOnHost(url: string): Promise<{ concepts: { system?: string; code: string }[] }> {
  return new Promise((resolve, reject) => {
    if (!post) { reject(new Error('The preview worker is not connected to the window.')); return; }
    const id = ++ids;
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    post({ type: 'expandValueSet', id, url });
  });
}
