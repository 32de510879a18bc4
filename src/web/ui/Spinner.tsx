export function Spinner({ label, fullscreen }: { label: string; fullscreen?: boolean }) {
  return (
    <div className={fullscreen ? 'spinner-screen' : 'spinner-block'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span className="spinner-label">{label}…</span>
    </div>
  );
}
