/** SMS extras under the composer: the From number picker and the live segment counter. */
import { useQuery } from '@tanstack/react-query';
import { smsLength } from '#shared/sms';
import { get } from '../../lib/api';
import { formatPhone } from '../../lib/format';

export interface SmsNumber {
  id: string;
  phoneNumber: string;
  name: string;
  isDefault: boolean;
}

export function useSmsNumbers(enabled: boolean) {
  return useQuery({
    queryKey: ['sms-numbers'],
    queryFn: () => get<{ items: SmsNumber[] }>('/channels/sms-numbers').then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function SmsCounter({ text }: { text: string }) {
  const l = smsLength(text);
  const warn = l.segments > 3;
  return (
    <span className={`sms-counter${warn ? ' warn' : ''}`} aria-live="polite" title={`${l.encoding} encoding`}>
      {l.units}/{l.segments <= 1 ? l.perSegment : l.segments * l.perSegment} · {l.segments} {l.segments === 1 ? 'segment' : 'segments'}
      {l.encoding === 'UCS-2' && <span className="sms-unicode"> · Unicode</span>}
    </span>
  );
}

export function FromPicker({ numbers, value, onChange }: { numbers: SmsNumber[]; value: string; onChange(v: string): void }) {
  if (numbers.length < 2) return null;
  return (
    <label className="composer-from">
      <span>from</span>
      <select aria-label="Send from number" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Last used / default</option>
        {numbers.map((n) => (
          <option key={n.id} value={n.phoneNumber}>
            {formatPhone(n.phoneNumber)} {n.isDefault ? '(default)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ToPicker({ phones, value, onChange }: { phones: string[]; value: string; onChange(v: string): void }) {
  if (phones.length < 2) return null;
  return (
    <label className="composer-from">
      <span>to</span>
      <select aria-label="Send to number" value={value} onChange={(e) => onChange(e.target.value)}>
        {phones.map((p, i) => (
          <option key={p} value={i === 0 ? '' : p}>
            {formatPhone(p)} {i === 0 ? '(main)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
