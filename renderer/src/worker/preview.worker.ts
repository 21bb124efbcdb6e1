// The preview's engine thread. Requests queue up while a run is going; only the newest is run,
// so a burst of keystrokes costs one run, not one per keystroke.
import '../../api/noEval';
import type { PreviewRequest } from '../preview/previewTypes';
import { writeJson } from '../../../shared/common/json/writeJson';
import { readPreviewRequest, type MainToWorker, type WorkerToMain } from '../preview/workerProtocol';
import { runPreview } from './runPreview';
import { connectHostBridge, settleHostCall } from './hostBridge';

// The renderer is type-checked with the DOM lib; this is the slice of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<MainToWorker>) => void) | null;
  postMessage(message: WorkerToMain): void;
};

connectHostBridge((message) => scope.postMessage(message));

let pending: PreviewRequest | undefined;
let scheduled = false;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'hostReply') {
    settleHostCall(message.id, message.ok, message.value);
    return;
  }
  pending = readPreviewRequest(message.requestJson);
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
};

async function drain(): Promise<void> {
  const request = pending;
  pending = undefined;
  if (!request) { scheduled = false; return; }
  const result = await runPreview(request);
  scope.postMessage({ type: 'result', resultJson: writeJson(result) });
  if (pending) setTimeout(drain, 0);
  else scheduled = false;
}
