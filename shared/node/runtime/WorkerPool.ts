import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CrosswalkError, type CrosswalkErrorData } from '../../common/errors/CrosswalkError';
import type { RenderedOutcome } from './renderOutcome';

/** What each worker needs to compile the same bundle the main thread verified. */
export interface WorkerInit {
  bundleText: string;
  bundleFile?: string;
  validate: boolean;
}

export type WorkerRequest = { id: number; texts: string[] };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'fatal'; error: CrosswalkErrorData }
  | { type: 'result'; id: number; outcomes: RenderedOutcome[] };

interface Pending {
  resolve: (outcomes: RenderedOutcome[]) => void;
  reject: (error: Error) => void;
}

/**
 * N worker threads, each with the bundle compiled once. `map` sends a chunk of messages to the
 * least busy worker and resolves with the outcomes in the chunk's order; the caller keeps the
 * input order by awaiting chunks in the order it sent them.
 */
export class WorkerPool {
  private readonly pending = new Map<number, Pending>();
  private readonly load: number[];
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(private readonly workers: Worker[]) {
    this.load = workers.map(() => 0);
    workers.forEach((worker, index) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type !== 'result') return;
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id);
        this.load[index]--;
        pending.resolve(reply.outcomes);
      });
      // The exception's text may quote a message and this error goes to stderr: its kind only.
      worker.on('error', (error) => this.fail(new CrosswalkError('RUN_WORKER_FAILED', `A worker thread stopped on an unexpected ${error.name}.`, {}, error.message.slice(0, 200))));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new CrosswalkError('RUN_WORKER_FAILED', `A worker thread exited with code ${code}.`));
      });
    });
  }

  /** Starts n workers from script (a .js file, or a .ts file run through tsx in development) and waits until each has compiled the bundle. */
  static async start(script: URL, n: number, init: WorkerInit): Promise<WorkerPool> {
    const path = fileURLToPath(script);
    // TypeScript source (development, tests) starts through a bootstrap that registers tsx first.
    const entry = path.endsWith('.ts') ? fileURLToPath(new URL('./tsWorkerBootstrap.mjs', import.meta.url)) : path;
    const data = path.endsWith('.ts') ? { ...init, script: script.href } : init;
    const workers = Array.from({ length: n }, () => new Worker(entry, { workerData: data }));
    try {
      await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
        const onMessage = (reply: WorkerReply) => {
          worker.off('message', onMessage);
          if (reply.type === 'ready') resolve();
          else if (reply.type === 'fatal') reject(new CrosswalkError(reply.error.code, reply.error.message, reply.error.where));
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      })));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new WorkerPool(workers);
  }

  map(texts: string[]): Promise<RenderedOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    let index = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[index]) index = i;
    const id = this.nextId++;
    this.load[index]++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[index].postMessage({ id, texts } satisfies WorkerRequest);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The worker script beside the calling module: worker.js when bundled, worker.ts in development. */
export function findWorkerScript(base: URL): URL {
  for (const name of ['./worker.js', './worker.ts', '../worker.js', '../worker.ts']) {
    const url = new URL(name, base);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new CrosswalkError('RUN_NO_WORKER_SCRIPT', 'The worker thread script (worker.js) is missing beside the runtime; rebuild with npm run build.');
}
