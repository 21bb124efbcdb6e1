import { parseJson } from '../../../shared/common/json/parseJson';
import type { PreviewRequest, PreviewResult } from './previewTypes';

// A request and a result cross to and from the worker as JSON text written by writeJson: a
// structured clone would turn a Decimal (`1.50` in an output or a constant) into a plain object.

/** What the window sends the preview worker. */
export type MainToWorker =
  | { type: 'run'; requestJson: string }
  | { type: 'hostReply'; id: number; ok: boolean; value: unknown };

/** What the preview worker sends the window. */
export type WorkerToMain =
  | { type: 'result'; resultJson: string }
  | { type: 'expandValueSet'; id: number; url: string };

export const readPreviewRequest = (json: string): PreviewRequest => parseJson(json) as PreviewRequest;

/** A result as the worker sent it, its decimals Decimals again. */
export const readPreviewResult = (json: string): PreviewResult => parseJson(json) as PreviewResult;
