import { useState } from 'react';

interface CommitInputProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  /** Called once per edit (on Enter or when the field loses focus); return nothing. */
  onCommit(value: string): void;
  /** An empty value is refused (the field goes back to what it was), e.g. a code that is required. */
  required?: boolean;
}

/**
 * A text field that edits a draft and commits once, so one edit is one undo step and a field
 * can be cleared and retyped. It follows outside changes (undo) while it is not being edited.
 */
export function CommitInput({ value, onCommit, required, ...rest }: CommitInputProps) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const commit = () => {
    if (draft === undefined) return;
    const next = draft;
    setDraft(undefined);
    if (next === value || (required && next.trim() === '')) return;
    onCommit(next);
  };
  return (
    <input
      {...rest}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(undefined);
      }}
    />
  );
}
