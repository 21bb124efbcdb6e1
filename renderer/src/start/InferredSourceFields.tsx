import { useEffect, useRef, useState } from 'react';
import type { CsvSchemaRef, JsonSchemaRef } from '../../../shared/common/mapping/spec/schemaRefs';
import type { SchemaTreeNode } from '../../../shared/common/studio/studioSchemas';
import { getStudio } from '../state/studio';
import { useLoaded } from './useLoaded';

/** The largest sample a source schema keeps (schemaRefs.ts). */
const MAX_SAMPLE = 1_000_000;

function leaves(nodes: readonly SchemaTreeNode[]): SchemaTreeNode[] {
  return nodes.flatMap((n) => (n.children && n.children.length > 0 ? leaves(n.children) : [n]));
}

/** The fields the host infers from a sample (loadSourceSchemaTree), as the source tree will show them. */
function InferredFields({ schema }: { schema: JsonSchemaRef | CsvSchemaRef }) {
  const key = JSON.stringify(schema);
  const [settled, setSettled] = useState(key);
  // Typing a sample asks the host once it pauses, not per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), 300);
    return () => clearTimeout(timer);
  }, [key]);
  const tree = useLoaded(() => getStudio().loadSourceSchemaTree({ schema: JSON.parse(settled) as JsonSchemaRef | CsvSchemaRef }), settled);
  if (!schema.sample) return <p className="muted">The source tree is inferred from the sample.</p>;
  if (tree.state === 'loading') return <p className="muted">Reading the sample…</p>;
  if (tree.state === 'failed') return <p className="error-text" role="alert" data-testid="sample-problem">{tree.error}</p>;
  const fields = leaves(tree.value.nodes);
  return (
    <div className="inferred-fields" data-testid="inferred-fields">
      <p className="muted">{fields.length} field{fields.length === 1 ? '' : 's'} inferred:</p>
      <ul>
        {fields.slice(0, 40).map((f) => <li key={f.id}><code>{f.path}</code> <span className="muted">{f.dataType}{f.repeating ? ' · repeating' : ''}</span></li>)}
        {fields.length > 40 ? <li className="muted">and {fields.length - 40} more</li> : null}
      </ul>
    </div>
  );
}

interface InferredSourceProps {
  schema: JsonSchemaRef | CsvSchemaRef;
  onChange(schema: JsonSchemaRef | CsvSchemaRef): void;
}

/** A JSON or CSV source: the sample (pasted or loaded from a file), CSV's reading options, and the fields inferred from it. */
export function InferredSourceFields({ schema, onChange }: InferredSourceProps) {
  const file = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const kind = schema.standard === 'json' ? 'JSON' : 'CSV';
  const onFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    if (chosen.size > MAX_SAMPLE) { setProblem(`${chosen.name} is larger than 1 MB; a sample of a few records is enough to infer the fields.`); return; }
    setProblem(undefined);
    onChange({ ...schema, sample: await chosen.text() });
  };
  return (
    <>
      <label className="field field--wide">
        <span>{kind} sample</span>
        <textarea rows={6} spellCheck={false} value={schema.sample ?? ''} placeholder={schema.standard === 'json' ? '{ "patientId": "K-1", "readings": [ { "systolic": 128 } ] }' : 'patientId,systolic\nK-1,128'}
          onChange={(e) => onChange({ ...schema, sample: e.target.value })} />
      </label>
      <div className="field-row">
        <button type="button" onClick={() => file.current?.click()}>Load a sample file…</button>
        <input ref={file} type="file" hidden accept={schema.standard === 'json' ? '.json,.ndjson,.jsonl,application/json' : '.csv,.txt,text/csv'} onChange={onFile} data-testid="new-mapping-sample-file" />
        {problem ? <span className="error-text">{problem}</span> : null}
      </div>
      {schema.standard === 'csv' ? (
        <div className="field-row">
          <label className="field"><span>Delimiter</span>
            <select value={schema.delimiter ?? ','} onChange={(e) => onChange({ ...schema, delimiter: e.target.value })}>
              <option value=",">comma ,</option><option value=";">semicolon ;</option><option value={'\t'}>tab</option><option value="|">bar |</option>
            </select>
          </label>
          <label className="field"><span>Header row</span>
            <input type="number" min={1} max={100000} value={schema.headerRow ?? 1} onChange={(e) => onChange({ ...schema, headerRow: Math.max(1, Number(e.target.value) || 1) })} />
          </label>
          <label className="field"><span>Messages</span>
            <select value={schema.messages ?? 'row'} onChange={(e) => onChange({ ...schema, messages: e.target.value as 'row' | 'file' })}>
              <option value="row">one per row</option><option value="file">one per file</option>
            </select>
          </label>
        </div>
      ) : null}
      <InferredFields schema={schema} />
    </>
  );
}
