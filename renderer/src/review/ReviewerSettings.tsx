import { useState } from 'react';
import { reviewerRoleValues, type ReviewerRole } from '../../../shared/common/review/ReviewAction';
import type { ReviewerInfo } from '../../../shared/common/studio/reviewMethods';
import { saveReviewer } from '../state/reviewActions';
import { useReviewStore } from '../state/reviewStore';
import './settings.css';

const roleWords: Record<ReviewerRole, string> = {
  author: 'Author: writes and changes rows, proposes them, comments, asks questions',
  reviewer: 'Reviewer: approves and rejects rows, as the bundle\'s policy allows',
};

function SettingsForm({ reviewer }: { reviewer: ReviewerInfo | undefined }) {
  const set = useReviewStore((s) => s.set);
  const [name, setName] = useState(reviewer?.name ?? '');
  const [role, setRole] = useState<ReviewerRole>(reviewer?.role ?? 'author');
  return (
    <form className="settings" data-testid="settings-dialog" onSubmit={(e) => { e.preventDefault(); void saveReviewer({ name: name.trim(), role }); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); set({ settingsOpen: false }); } }}>
      <h2>Settings</h2>
      <fieldset>
        <legend>Who you are in value-map review</legend>
        <p className="muted">Every review step records this name and role with the time. Kept in this workspace.
          {reviewer && !reviewer.fromSettings ? ' Until you set it, your operating system user name is used, as an author.' : ''}</p>
        <label>Name <input autoFocus value={name} onChange={(e) => setName(e.target.value)} data-testid="reviewer-name" aria-label="Reviewer name" required maxLength={200} /></label>
        {reviewerRoleValues.map((value) => (
          <label key={value} className="settings__role">
            <input type="radio" name="role" value={value} checked={role === value} onChange={() => setRole(value)} data-testid={`reviewer-role-${value}`} />
            {roleWords[value]}
          </label>
        ))}
      </fieldset>
      <div className="settings__actions">
        <button type="submit" data-testid="settings-save" disabled={name.trim() === ''}>Save</button>
        <button type="button" onClick={() => set({ settingsOpen: false })}>Cancel</button>
      </div>
    </form>
  );
}

/** The studio's settings: for now, who reviews (name and role), kept in the workspace through the host. */
export function ReviewerSettings() {
  const open = useReviewStore((s) => s.settingsOpen);
  const reviewer = useReviewStore((s) => s.reviewer);
  if (!open) return null;
  return (
    <div className="settings-backdrop" role="dialog" aria-modal="true" aria-label="Settings">
      <SettingsForm reviewer={reviewer} />
    </div>
  );
}
