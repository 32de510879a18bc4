/**
 * Closing an opportunity in one step: won, lost (asks why, in place) or abandoned; a closed one
 * can be reopened.
 */
import { RotateCcw, ThumbsDown, Trophy, X } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Opportunity, OpportunityPatch } from '#shared/opportunities';

export function StatusActions({ o, busy, onChange }: { o: Opportunity; busy: boolean; onChange(change: OpportunityPatch): Promise<boolean> }) {
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (askingReason) reasonRef.current?.focus();
  }, [askingReason]);

  if (o.status !== 'open') {
    return (
      <div className="opp-status-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => void onChange({ status: 'open' })}>
          <RotateCcw size={13} aria-hidden="true" /> Reopen
        </button>
      </div>
    );
  }

  async function markLost(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return reasonRef.current?.focus();
    if (await onChange({ status: 'lost', lostReason: reason.trim() })) setAskingReason(false);
  }

  if (askingReason) {
    return (
      <form className="opp-lost-form" onSubmit={markLost} aria-label="Mark as lost" onKeyDown={(e) => e.key === 'Escape' && setAskingReason(false)}>
        <label className="field">
          <span>Why was it lost?</span>
          <input ref={reasonRef} type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. Chose another clinic" required />
        </label>
        <div className="opp-actions">
          <button type="button" className="button small" onClick={() => setAskingReason(false)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button small primary" disabled={busy || !reason.trim()}>
            Mark lost
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="opp-status-actions" role="group" aria-label="Close the opportunity as">
      <button type="button" className="button small opp-won" disabled={busy} onClick={() => void onChange({ status: 'won' })} aria-label="Mark as won" title="Mark as won">
        <Trophy size={13} aria-hidden="true" /> Won
      </button>
      <button type="button" className="button small" disabled={busy} onClick={() => setAskingReason(true)} aria-label="Mark as lost" title="Mark as lost (asks why)">
        <ThumbsDown size={13} aria-hidden="true" /> Lost
      </button>
      <button type="button" className="button small" disabled={busy} onClick={() => void onChange({ status: 'abandoned' })} aria-label="Mark as abandoned" title="Mark as abandoned">
        <X size={13} aria-hidden="true" /> Abandon
      </button>
    </div>
  );
}
