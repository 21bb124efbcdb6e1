// The preview's engine thread. Requests queue up while a run is going; only the newest is run,
// so a burst of keystrokes costs one run, not one per keystroke.
import type { PreviewRequest } from '../preview/previewTypes';
import { runPreview } from './runPreview';

// The renderer is type-checked with the DOM lib; this is the slice of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null;
  postMessage(message: unknown): void;
};

let pending: PreviewRequest | undefined;
let scheduled = false;

scope.onmessage = (event: MessageEvent<PreviewRequest>) => {
  pending = event.data;
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
};

async function drain(): Promise<void> {
  scheduled = false;
  const request = pending;
  pending = undefined;
  if (!request) return;
  const result = await runPreview(request);
  scope.postMessage(result);
  if (pending && !scheduled) {
    scheduled = true;
    setTimeout(drain, 0);
  }
}
