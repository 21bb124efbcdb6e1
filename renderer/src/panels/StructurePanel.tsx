import { usePreviewStore } from '../preview/previewStore';
import type { Placement } from '../preview/previewTypes';

const HOW: Record<Placement['how'], { label: string; hint: string }> = {
  expected: { label: 'in place', hint: 'Where the message structure expects it.' },
  lenient: { label: 'placed leniently', hint: 'Not where the structure expects it: it went to the first later position the structure has it at, as if required segments before it were missing.' },
  unexpected: { label: 'unexpected', hint: 'The structure has no place for it here (a Z-segment, or a segment out of order): it stays in the group of the segment before it.' },
};

/** `PATIENT_RESULT[1].ORDER_OBSERVATION[2]` as nested steps, `(message)` for the top level. */
function groupText(group: string): string {
  return group === '' ? '(message)' : group.split('.').join(' › ');
}

/**
 * Where each segment of the sample went in its message structure's groups, as the engine placed
 * it: so an analyst sees why a Z-segment or a segment out of order was read in the group it was
 * (and why an OBX belongs to the OBR it does).
 */
export function StructurePanel() {
  const result = usePreviewStore((s) => s.result);
  const placements = result?.placements ?? [];
  if (!result || placements.length === 0) {
    return <div className="muted empty-hint" data-testid="structure-panel">{result?.error ? 'The sample was not mapped, so its segments were not placed.' : 'No placement yet: the preview places the segments when it maps the sample.'}</div>;
  }
  const off = placements.filter((p) => p.how !== 'expected');
  return (
    <div className="structure-panel" data-testid="structure-panel">
      <div className="structure-panel__summary">
        Read as <b>{result.map}</b>: {placements.length} segments,{' '}
        {off.length === 0 ? 'all where the structure expects them.' : <span className="warn-text">{off.filter((p) => p.how === 'unexpected').length} unexpected, {off.filter((p) => p.how === 'lenient').length} placed leniently.</span>}
      </div>
      <table className="structure-table">
        <thead><tr><th>#</th><th>segment</th><th>group</th><th>placed</th></tr></thead>
        <tbody>
          {placements.map((p) => (
            <tr key={p.segment} className={`structure-row structure-row--${p.how}`} data-segment={p.segment} data-how={p.how} title={HOW[p.how].hint}>
              <td className="muted">{p.segment}</td>
              <td><code>{p.id}</code></td>
              <td><code>{groupText(p.group)}</code></td>
              <td>{p.how === 'expected' ? <span className="muted">{HOW[p.how].label}</span> : <span className={`badge badge--${p.how === 'unexpected' ? 'error' : 'warn'}`}>{HOW[p.how].label}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
