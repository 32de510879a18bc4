/**
 * Under the text: why the chosen channel cannot take a reply now (with the way out: Settings for an
 * admin when it is not connected, the contact's DND settings), or how long its messaging window
 * stays open.
 */
import { Clock } from 'lucide-react';
import { Link } from 'wouter';
import { CHANNEL_KINDS } from '#shared/channel-catalog';
import type { Availability } from '#shared/send-rules';
import { useSession } from '../../lib/session';
import { useRecordPanels } from '../records/RecordPanels';

export function remaining(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} days ${h % 24} h`;
}

export function ChannelNotice({ current, contactId, now }: { current: Availability | null; contactId: string; now: number }) {
  const { isAdmin } = useSession();
  const { open } = useRecordPanels();
  if (!current) return null;
  const kind = CHANNEL_KINDS[current.sendType];
  const r = current.refusal;
  if (r) {
    return (
      <p className="composer-notice" role="alert">
        {r.message}{' '}
        {r.code === 'channel_not_connected' && (isAdmin ? <Link href="/settings/channels">Connect {kind.label} in Settings → Channels.</Link> : 'An admin can connect it in Settings.')}
        {r.code === 'dnd_active' && (
          <button type="button" className="link-button" onClick={() => open({ type: 'contact', id: contactId })}>
            See the contact’s DND settings
          </button>
        )}
      </p>
    );
  }
  const w = current.window;
  if (!w?.closesAt) return null;
  const left = new Date(w.closesAt).getTime() - now;
  return (
    <p className="composer-hint-line" aria-live="polite">
      <Clock size={13} aria-hidden="true" />{' '}
      {w.open
        ? `${kind.label} window closes in ${remaining(left)}.`
        : `Outside the ${kind.window!.hours}-hour window: your reply goes as a person’s answer (HUMAN_AGENT) until ${new Date(w.humanAgentUntil!).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}.`}
    </p>
  );
}
