import type { PreviewRequest, PreviewResult } from './previewTypes';

/** What the window sends the preview worker. */
export type MainToWorker =
  | { type: 'run'; request: PreviewRequest }
  | { type: 'hostReply'; id: number; ok: boolean; value: unknown };

/** What the preview worker sends the window. */
export type WorkerToMain =
  | { type: 'result'; result: PreviewResult }
  | { type: 'expandValueSet'; id: number; url: string };
