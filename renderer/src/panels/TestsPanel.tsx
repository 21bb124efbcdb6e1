import { useMemo } from 'react';
import { useDocumentStore } from '../state/documentStore';
import { usePreviewStore } from '../preview/previewStore';
import type { TestCase } from '../state/bundleAccess';
import { showJson, type JsonDifference } from '../../../shared/common/bundle/jsonDiff';
import { testCaseDiff } from '../preview/testCaseDiff';

const UUID = /^urn:uuid:[0-9a-f-]{36}$/;
const isId = (v: unknown): boolean => typeof v === 'string' && UUID.test(v);

/**
 * Resource ids are hashed from the message text, so any edit of the input changes every one of
 * them: those differences are folded into one line, after the ones that matter.
 */
function DiffTable({ diff }: { diff: JsonDifference[] }) {
  const ids = diff.filter((d) => isId(d.expected) && isId(d.actual));
  const rest = diff.filter((d) => !(isId(d.expected) && isId(d.actual)));
  return (
    <table className="diff-table" data-testid="test-diff"><thead><tr><th>path</th><th>expected</th><th>actual</th></tr></thead>
      <tbody>
        {rest.slice(0, 50).map((d) => (
          <tr key={d.path}><td><code>{d.path || '(root)'}</code></td><td className="diff-old">{showJson(d.expected)}</td><td className="diff-new">{showJson(d.actual)}</td></tr>
        ))}
        {ids.length > 0 ? (
          <tr className="diff-ids"><td colSpan={3}>{ids.length} resource id{ids.length > 1 ? 's' : ''} and references differ: ids are derived from the message text, which changed.</td></tr>
        ) : null}
      </tbody>
    </table>
  );
}

/**
 * Test cases: the current sample's output saved as its expected output; each case shows pass or
 * fail against the live preview of its input (the runtime's `crosswalk test` runs the same cases).
 */
export function TestsPanel() {
  const tests = useDocumentStore((s) => s.testCases);
  const samples = useDocumentStore((s) => s.samples);
  const active = useDocumentStore((s) => s.activeSample);
  const editTests = useDocumentStore((s) => s.editTests);
  const result = usePreviewStore((s) => s.result);
  const sample = samples[active];

  // A sample opened from a test case keeps its name, so edits to its text still compare against that case.
  const current = sample ? tests.find((t) => t.name === sample.name) ?? tests.find((t) => t.input === sample.text) : undefined;
  const diff = useMemo(() => (current && result ? testCaseDiff(current, result) : undefined), [current, result]);

  const saveExpected = () => {
    if (!sample || !result || result.error) return;
    editTests('Save expected output', (list) => {
      const index = list.findIndex((t) => t.name === sample.name);
      const test = { name: sample.name, input: sample.text, expected: result.output as TestCase['expected'] };
      return index === -1 ? [...list, test] : list.map((t, i) => (i === index ? test : t));
    });
  };

  return (
    <div className="tests-panel" data-testid="tests-panel">
      <div className="tests-panel__head">
        <button onClick={saveExpected} disabled={!sample || !result || !!result.error} data-testid="save-expected">
          Save current output as expected for “{sample?.name ?? '—'}”
        </button>
      </div>
      {current ? (
        <div className={`test-result ${diff && diff.length === 0 ? 'test-result--pass' : 'test-result--fail'}`} data-testid="test-result">
          {diff === undefined ? 'Waiting for the preview…' : diff.length === 0 ? `PASS — ${current.name}` : `FAIL — ${current.name}: ${diff.length} difference${diff.length > 1 ? 's' : ''}`}
          {diff && diff.length > 0 ? <DiffTable diff={diff} /> : null}
        </div>
      ) : <div className="muted">The current sample has no test case yet.</div>}
      <h4>All test cases ({tests.length})</h4>
      <ul className="tests-list">
        {tests.map((t) => (
          <li key={t.name}>
            <b>{t.name}</b> <span className="muted">{t.expectedError ? `must fail with ${t.expectedError}` : 'expects an output'}</span>
            <button className="link-button" onClick={() => editTests('Delete test case', (list) => list.filter((x) => x !== t))}>delete</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
