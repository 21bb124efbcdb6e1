// Monaco is bundled with the app and never fetched: @monaco-editor/react would otherwise load it
// from a CDN, which the studio's CSP and offline hospital networks both forbid. Only the core
// editor and the contributions a sample editor needs are imported, to keep start-up quick.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
// The export map only exposes .js files; the icon font's stylesheet is imported by file path.
import '../../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
// JSON samples (a mapping over JSON documents): highlighting, folding and syntax errors; its language
// service runs in its own worker, loaded only when a JSON sample is shown.
import 'monaco-editor/language/json/monaco.contribution';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { loader } from '@monaco-editor/react';
import { registerHl7Language } from './hl7Language';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let done = false;

export function setupMonaco(): void {
  if (done) return;
  done = true;
  self.MonacoEnvironment = { getWorker: (_id, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()) };
  loader.config({ monaco });
  registerHl7Language(monaco);
}

export type Monaco = typeof monaco;
