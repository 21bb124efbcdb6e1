import { useState } from 'react';
import type { RowEdit } from '../../../shared/common/review/ReviewAction';
import { describeEquivalence, equivalenceValues, type Equivalence } from '../../../shared/common/valuemaps/equivalence';
import type { ValueMapEntry } from '../../../shared/common/valuemaps/ValueMap';
import { editFocusedRow } from '../state/reviewActions';
import { useReviewStore } from '../state/reviewStore';

/**
 * Changes what the focused row maps to, as a review step (an edit): the core clears its approvals
 * and keeps the approved content, so reviewers see old → new until they approve it again.
 */
export function ReviewRowEditor({ row }: { row: ValueMapEntry }) {
  const set = useReviewStore((s) => s.set);
  const [target, setTarget] = useState(row.target);
  const [display, setDisplay] = useState(row.display ?? '');
  const [system, setSystem] = useState(row.system ?? '');
  const [equivalence, setEquivalence] = useState<Equivalence>(row.equivalence ?? 'equivalent');
  const [note, setNote] = useState(row.comment ?? '');

  const save = () => {
    const changes: RowEdit = {};
    const optional = (value: string) => (value.trim() === '' ? null : value);
    if (target.trim() !== '' && target !== row.target) changes.target = target;
    if (display !== (row.display ?? '')) changes.display = optional(display);
    if (system !== (row.system ?? '')) changes.system = optional(system);
    if (equivalence !== (row.equivalence ?? 'equivalent')) changes.equivalence = equivalence;
    if (note !== (row.comment ?? '')) changes.comment = optional(note);
    if (Object.keys(changes).length === 0) { set({ editing: false }); return; }
    void editFocusedRow(changes);
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement)) { e.preventDefault(); save(); }
    if (e.key === 'Escape') { e.preventDefault(); set({ editing: false }); }
  };

  return (
    <form className="review__edit" data-testid="review-row-editor" onKeyDown={keys} onSubmit={(e) => { e.preventDefault(); save(); }}>
      <label>Target code <input autoFocus value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Target code" required /></label>
      <label>Display <input value={display} onChange={(e) => setDisplay(e.target.value)} aria-label="Target display" /></label>
      <label>System <input value={system} onChange={(e) => setSystem(e.target.value)} aria-label="Target system" placeholder="the map's target system" /></label>
      <label>Equivalence
        <select value={equivalence} onChange={(e) => setEquivalence(e.target.value as Equivalence)} aria-label="Equivalence">
          {equivalenceValues.map((code) => <option key={code} value={code}>{describeEquivalence(code)}</option>)}
        </select>
      </label>
      <label>Note <input value={note} onChange={(e) => setNote(e.target.value)} aria-label="Mapping note" placeholder="why it maps so (ConceptMap comment)" /></label>
      <div className="review__edit-actions">
        <button type="submit" data-testid="review-edit-save">Save change <kbd>Enter</kbd></button>
        <button type="button" onClick={() => set({ editing: false })}>Cancel <kbd>Esc</kbd></button>
        <span className="muted">The comment box's text goes with it.</span>
      </div>
    </form>
  );
}
