// A worker thread of `crosswalk run --workers N`: compiles the bundle once, then maps the chunks
// of messages the main thread sends, replying with serialized outcomes in the same order.
import { parentPort, workerData } from 'node:worker_threads';
import { CrosswalkError } from '../shared/common/errors/CrosswalkError';
import { compileBundleText } from '../shared/node/runtime/compileBundle';
import { renderOutcome } from '../shared/node/runtime/renderOutcome';
import type { WorkerInit, WorkerReply, WorkerRequest } from '../shared/node/runtime/WorkerPool';

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const send = (reply: WorkerReply) => port.postMessage(reply);
  try {
    const compiled = await compileBundleText(init.bundleText, { validate: init.validate, ...(init.bundleFile !== undefined ? { file: init.bundleFile } : {}) });
    port.on('message', (request: WorkerRequest) => {
      send({ type: 'result', id: request.id, outcomes: request.texts.map((text) => renderOutcome(compiled, { text }, init.validate)) });
    });
    send({ type: 'ready' });
  } catch (error) {
    const data = error instanceof CrosswalkError ? error.toJSON() : { code: 'RUN_WORKER_FAILED', message: `The worker could not start: ${String(error).slice(0, 200)}.`, where: {} };
    send({ type: 'fatal', error: data });
  }
}
