// HL7 v2 ER7 syntax for the sample editor. Monarch rules are static, so they assume the standard
// delimiters |^~\& (what nearly every real feed uses); the hover, which reads MSH-1/MSH-2 of the
// text itself, names the field under the cursor for any delimiter set.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { hl7PathAt } from './hl7PathAt';

export const HL7_LANGUAGE_ID = 'hl7v2';
export const HL7_THEME_ID = 'crosswalk-hl7';

type Monaco = typeof MonacoApi;

export function registerHl7Language(monaco: Monaco): void {
  monaco.languages.register({ id: HL7_LANGUAGE_ID, extensions: ['.hl7', '.er7'], aliases: ['HL7 v2', 'hl7'] });
  monaco.languages.setMonarchTokensProvider(HL7_LANGUAGE_ID, {
    defaultToken: 'value',
    tokenizer: {
      root: [
        // MSH-2 holds the encoding characters themselves: colour them as one token, not as delimiters.
        [/^(MSH|FHS|BHS)(\|)([^|]*)(\|)/, ['segment.header', 'delimiter.field', 'encoding', 'delimiter.field']],
        [/^[A-Z][A-Z0-9]{2}(?=\||$)/, 'segment'],
        [/\\[FSTRE]\\/, 'escape'],
        [/\\(X[0-9A-Fa-f]*|Z[^\\|]*|H|N|\.br|\.sp\d*|\.in[+-]?\d*|\.ti[+-]?\d*|\.sk\d*|\.ce|\.fi|\.nf|P)\\/, 'escape.format'],
        [/\|/, 'delimiter.field'],
        [/\^/, 'delimiter.component'],
        [/~/, 'delimiter.repetition'],
        [/&/, 'delimiter.subcomponent'],
        [/""/, 'null'],
        [/[^|^~&\\"]+/, 'value'],
        [/./, 'value'],
      ],
    },
  });
  monaco.editor.defineTheme(HL7_THEME_ID, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'segment', foreground: '1d4ed8', fontStyle: 'bold' },
      { token: 'segment.header', foreground: '7c3aed', fontStyle: 'bold' },
      { token: 'encoding', foreground: 'b45309', fontStyle: 'bold' },
      { token: 'delimiter.field', foreground: '9ca3af', fontStyle: 'bold' },
      { token: 'delimiter.component', foreground: 'c2410c' },
      { token: 'delimiter.repetition', foreground: 'be185d', fontStyle: 'bold' },
      { token: 'delimiter.subcomponent', foreground: '0f766e' },
      { token: 'escape', foreground: '15803d', fontStyle: 'italic' },
      { token: 'escape.format', foreground: '15803d', fontStyle: 'italic underline' },
      { token: 'null', foreground: 'dc2626' },
      { token: 'value', foreground: '111827' },
    ],
    colors: { 'editor.background': '#ffffff', 'editor.lineHighlightBackground': '#f1f5f9' },
  });
  monaco.languages.registerHoverProvider(HL7_LANGUAGE_ID, {
    provideHover(model, position) {
      const lines = model.getLinesContent();
      const found = hl7PathAt(lines, position.lineNumber - 1, position.column - 1);
      if (!found) return null;
      return { contents: [{ value: `\`${found.path}\`` }] };
    },
  });
}
