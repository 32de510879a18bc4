/** The "via" list: every channel the contact has an address on; the ones the rules refuse now are disabled, with the reason. */
import type { SendType } from '#shared/messages';
import { SEND_TYPE_LABEL, type Availability } from '#shared/send-rules';

const SHORT: Record<string, string> = {
  dnd_active: 'DND',
  messaging_window_closed: 'window closed',
  channel_not_connected: 'not connected',
  no_recipient: 'no address',
};

export function ChannelPicker({ options, value, onChange }: { options: Availability[]; value: SendType | null; onChange(t: SendType): void }) {
  return (
    <label className="composer-channel">
      <span>via</span>
      <select aria-label="Reply channel" value={value ?? ''} onChange={(e) => onChange(e.target.value as SendType)} disabled={options.length === 0}>
        {options.length === 0 && <option value="">No channel</option>}
        {options.map((o) => (
          <option key={o.sendType} value={o.sendType} disabled={!o.ok && o.sendType !== value} title={o.refusal?.message}>
            {SEND_TYPE_LABEL[o.sendType]}
            {o.refusal && !o.refusal.templatesOnly ? ` (${SHORT[o.refusal.code]})` : o.refusal?.templatesOnly ? ' (templates only)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
