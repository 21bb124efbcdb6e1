import { useViewStore } from '../state/viewStore';

export function Toasts() {
  const toasts = useViewStore((s) => s.toasts);
  const dismiss = useViewStore((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} data-testid={`toast-${t.kind}`} onClick={() => dismiss(t.id)}>{t.text}</div>
      ))}
    </div>
  );
}
