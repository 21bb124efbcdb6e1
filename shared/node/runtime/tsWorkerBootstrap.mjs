// Development only: Node 20 does not pass the main thread's `--import tsx` to worker threads, so a
// worker started from TypeScript source registers tsx here and then loads the real worker script.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.script);
