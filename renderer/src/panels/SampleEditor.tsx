import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { useDocumentStore } from '../state/documentStore';
import { usePreviewStore } from '../preview/previewStore';
import { HL7_LANGUAGE_ID, HL7_THEME_ID } from '../monaco/hl7Language';
import { setupMonaco } from '../monaco/setupMonaco';

// Monaco (most of the studio's code by size) loads with this module, after the canvas is up.
setupMonaco();
import { useViewStore } from '../state/viewStore';
import { fromEditorText, sampleFileText, sampleKind, toEditorText } from './sampleText';
import { CrosswalkError } from '../../../shared/common/errors/CrosswalkError';
import { inputFormatOf, type InputFormat } from '../../../shared/common/mapping/input/inputFormat';
import type { MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';
import { useCoverageStore } from '../coverage/coverageStore';
import { hl7LeafSpans, type LeafSpan } from '../monaco/hl7LeafSpans';

/** The spans of the unused leaves of a sample's text (none when it does not parse: the preview says where). */
function unusedSpans(text: string, unused: readonly string[]): LeafSpan[] {
  if (unused.length === 0) return [];
  const wanted = new Set(unused);
  try {
    return hl7LeafSpans(text).filter((span) => wanted.has(span.path));
  } catch {
    return [];
  }
}

/** What the mapping reads; a spec whose message maps disagree is the compiler's to report, and its samples show as HL7 v2. */
function formatOf(maps: MappingSpec['maps'] | undefined): InputFormat['standard'] {
  try {
    return maps ? inputFormatOf({ maps }).standard : 'hl7v2';
  } catch {
    return 'hl7v2';
  }
}

/**
 * The sample messages: named tabs, a Monaco editor (HL7 v2 highlighting; JSON, or plain text for
 * CSV, when the mapping reads those), load from a file, and the parse fault (when there is one)
 * marked at its position.
 */
export function SampleEditor() {
  const maps = useDocumentStore((s) => s.spec?.maps);
  const format = useMemo(() => formatOf(maps), [maps]);
  const kind = sampleKind(format);
  const samples = useDocumentStore((s) => s.samples);
  const active = useDocumentStore((s) => s.activeSample);
  const setSampleText = useDocumentStore((s) => s.setSampleText);
  const setSamples = useDocumentStore((s) => s.setSamples);
  const setActive = useDocumentStore((s) => s.setActiveSample);
  const error = usePreviewStore((s) => s.result?.error);
  const toast = useViewStore((s) => s.toast);
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<typeof MonacoApi | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const sample = samples[active];

  const [mounted, setMounted] = useState(0);
  const underlines = useRef<MonacoApi.editor.IEditorDecorationsCollection | null>(null);
  const onMount: OnMount = useCallback((editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco as unknown as typeof MonacoApi;
    underlines.current = null;
    setMounted((n) => n + 1);
  }, []);

  // Coverage: the leaves this sample values and no link reads, underlined with a hover that says
  // so; only while the sample is still the text the coverage was computed on.
  const coverage = useCoverageStore((s) => s.result?.samples[active]);
  const coveredText = useCoverageStore((s) => s.texts[active]);
  useEffect(() => {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    const current = coverage?.ok === true && format === 'hl7v2' && coveredText !== undefined && coveredText === sample?.text;
    const spans = current ? unusedSpans(model.getValue(), coverage.unused) : [];
    underlines.current ??= editor.createDecorationsCollection();
    underlines.current.set(spans.map((span) => {
      const from = model.getPositionAt(span.start);
      const to = model.getPositionAt(span.end);
      return {
        range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
        options: {
          inlineClassName: 'coverage-unused',
          hoverMessage: { value: `\`${span.path}\` is valued in this sample and no link reads it.` },
          overviewRuler: { color: '#d97706', position: monaco.editor.OverviewRulerLane.Right },
        },
      };
    }));
  }, [coverage, coveredText, sample?.text, format, mounted, active]);

  // Parse faults as editor markers, at the line and column the codec reported.
  useEffect(() => {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    if (error?.stage === 'parse') {
      const line = error.where.line ?? (error.where.offset !== undefined ? model.getPositionAt(error.where.offset).lineNumber : 1);
      const column = error.where.column ?? (error.where.offset !== undefined ? model.getPositionAt(error.where.offset).column : 1);
      monaco.editor.setModelMarkers(model, 'crosswalk', [{
        severity: monaco.MarkerSeverity.Error, message: error.message,
        startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: model.getLineMaxColumn(Math.min(line, model.getLineCount())),
      }]);
    } else {
      monaco.editor.setModelMarkers(model, 'crosswalk', []);
    }
  }, [error]);

  const addSample = (name: string, text: string) => {
    const next = [...samples, { name, text }];
    setSamples(next, next.length - 1);
  };

  const onFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > 10_000_000) {
      toast('error', `${file.name} is larger than 10 MB; load one message at a time.`);
      return;
    }
    let text: string;
    try {
      text = sampleFileText(new Uint8Array(await file.arrayBuffer()), file.name, format);
    } catch (failure) {
      toast('error', failure instanceof CrosswalkError ? failure.toString() : `${file.name} could not be read.`);
      return;
    }
    // An empty sample shown (a new mapping's first) is taken by the file rather than left beside it.
    if (sample && sample.text.trim() === '') {
      const next = samples.map((s, i) => (i === active ? { name: file.name, text } : s));
      setSamples(next, active);
    } else {
      addSample(file.name, text);
    }
  };

  return (
    <div className="sample-editor">
      <div className="tabs tabs--small" role="tablist" aria-label="Samples">
        {samples.map((s, i) => (
          <button key={`${s.name}-${i}`} role="tab" aria-selected={i === active} className={i === active ? 'tab tab--active' : 'tab'} onClick={() => setActive(i)} title={s.name}>
            {s.name}
          </button>
        ))}
        <button className="tab tab--add" title="New empty sample (paste a message into it)" onClick={() => addSample(`Sample ${samples.length + 1}`, '')}>+ New</button>
        <button className="tab tab--add" title="Load a sample message from a file" onClick={() => fileInput.current?.click()}>Load…</button>
        <input ref={fileInput} type="file" accept={kind.accept} hidden onChange={onFile} data-testid="sample-file" />
      </div>
      <div className="sample-editor__monaco" data-testid="sample-input">
        {sample ? (
          <Editor
            path={`sample-${active}.${kind.extension}`}
            value={toEditorText(sample.text)}
            language={kind.language === 'hl7v2' ? HL7_LANGUAGE_ID : kind.language}
            theme={HL7_THEME_ID}
            onMount={onMount}
            onChange={(value) => {
              const next = fromEditorText(value ?? '', sample.text);
              if (next !== sample.text) setSampleText(active, next);
            }}
            options={{
              minimap: { enabled: false }, fontSize: 12, wordWrap: 'off', scrollBeyondLastLine: false,
              renderWhitespace: 'trailing', automaticLayout: true, lineNumbersMinChars: 3, glyphMargin: false, folding: false,
            }}
          />
        ) : <div className="empty-hint">No sample yet: add one with + New and paste {kind.noun}.</div>}
      </div>
    </div>
  );
}
