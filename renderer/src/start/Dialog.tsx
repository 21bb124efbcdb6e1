import { useEffect, useId, useRef, type ReactNode } from 'react';

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  /** Escape, the Cancel button: nothing is created. */
  onCancel(): void;
  /** Enter (outside a text area or button), the submit button. */
  onSubmit(): void;
  children: ReactNode;
  /** The buttons at the bottom; the submit button is `type="submit"`. */
  actions: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * A modal dialog as a form: focus moves into it (to the field marked `data-autofocus`, else the
 * first) and stays in it (Tab wraps), Enter submits from any field but a text area, Escape
 * cancels, and focus goes back where it was when it closes.
 */
export function Dialog({ title, onCancel, onSubmit, children, actions, className, testId }: DialogProps) {
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const root = form.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => { if (before && document.contains(before)) before.focus(); };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && !event.shiftKey && target.tagName !== 'TEXTAREA' && target.tagName !== 'BUTTON') {
      // One path for every field (a select does not submit a form by itself; an input does): no double submit.
      event.preventDefault();
      form.current?.requestSubmit();
      return;
    }
    if (event.key === 'Tab') {
      const items = [...(form.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => el.offsetParent !== null);
      if (items.length === 0) return;
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? items.length - 1 : -1) : (at === items.length - 1 ? 0 : -1);
      if (next !== -1) {
        event.preventDefault();
        items[next].focus();
      }
    }
  };

  return (
    <div className="dialog-backdrop">
      <form
        ref={form}
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={onKeyDown}
        onSubmit={(event) => { event.preventDefault(); onSubmit(); }}
      >
        <h2 id={titleId} className="dialog__title">{title}</h2>
        <div className="dialog__body">{children}</div>
        <div className="dialog__actions">{actions}</div>
      </form>
    </div>
  );
}
