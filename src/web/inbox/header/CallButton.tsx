/**
 * Click to call from the Conversation Header: rings the user's own phone, then the contact.
 * Disabled (with the reason as its tooltip) when the contact has Call or global DND; asks for the
 * user's phone in a small inline form when none is set.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Phone } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from '#shared/auth';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import { ApiError, errorMessage, post, put } from '../../lib/api';
import { useContact } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { useQuickAction } from '../quick-actions';
import './call-button.css';

interface Props {
  conversation: Conversation;
  name: string;
  /** Shows (or clears) an error beside the header's actions. */
  onError(message: string | null): void;
}

/** Why the contact cannot be called now (null: they can). */
export function callBlocked(c: Conversation, contact: Contact | undefined): string | null {
  const callDnd = contact && ['active', 'permanent'].includes(contact.dndSettings.Call?.status);
  if (contact?.dnd) return 'Calls are off: DND is active for all channels';
  if (callDnd) return 'Calls are off: DND is active for Calls';
  return c.contact.phone ? null : 'This contact has no phone number';
}

export function CallButton({ conversation: c, name, onError }: Props) {
  const qc = useQueryClient();
  const { me } = useSession();
  const contact = useContact(c.contact.id).data;
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(t);
  }, [notice]);

  const why = callBlocked(c, contact);

  const place = async () => {
    onError(null);
    setNotice(null);
    setBusy(true);
    try {
      await post(`/conversations/${c.id}/call`);
      setNotice('Calling your phone…');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'no_user_phone') setAsking(true);
      else onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const savePhone = async (e: FormEvent) => {
    e.preventDefault();
    setPhoneError(null);
    try {
      qc.setQueryData<Me>(['me'], await put<Me>('/me/phone', { phone }));
      setAsking(false);
      await place();
    } catch (err) {
      setPhoneError(errorMessage(err));
    }
  };

  const call = () => (me.user && !me.user.phone ? setAsking(true) : void place());
  // The header's Actions menu calls through here too.
  useQuickAction('call', () => !why && !busy && call());

  return (
    <span className="call-wrap" title={why ?? `Call ${name}`}>
      <button
        type="button"
        className="icon-button"
        aria-label={`Call ${name}`}
        disabled={!!why || busy}
        onClick={call}
      >
        <Phone size={17} aria-hidden="true" />
      </button>
      {notice && (
        <span className="call-notice" role="status">
          {notice}
        </span>
      )}
      {asking && (
        <form className="call-phone-form" onSubmit={savePhone} aria-label="Your phone number">
          <p>Add your phone number in your profile to place calls: the call rings your phone first.</p>
          <label className="field">
            <span>Your phone</span>
            <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoFocus required autoComplete="tel" />
          </label>
          {phoneError && (
            <p className="error-text" role="alert">
              {phoneError}
            </p>
          )}
          <div className="call-phone-actions">
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Save and call
            </button>
          </div>
        </form>
      )}
    </span>
  );
}
