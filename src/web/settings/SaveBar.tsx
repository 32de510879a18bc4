/** The foot of a settings form: "Saved" once the stored values are shown, and the save button. */
import { Check } from 'lucide-react';

export function SaveBar({ saved, dirty, busy }: { saved: boolean; dirty: boolean; busy: boolean }) {
  return (
    <div className="settings-actions">
      <span className="settings-saved" role="status">
        {saved && !dirty && (
          <>
            <Check size={14} aria-hidden="true" /> Saved
          </>
        )}
      </span>
      <button type="submit" className="button primary" disabled={busy || !dirty}>
        {busy ? 'Saving…' : 'Save changes'}
      </button>
    </div>
  );
}
