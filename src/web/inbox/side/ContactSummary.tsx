/**
 * The contact at a glance: name, ways to reach them, what they typed in web chat (unverified: shown
 * apart, never a way to reach them), tags, owner, source and when they arrived.
 */
import { Pencil } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { Contact } from '#shared/contacts';
import { contactLabel, formatPhone } from '../../lib/format';
import { useTeam } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { Avatar } from '../../ui/Avatar';

/** An e-mail address that wraps after the "@" rather than mid-word. */
function breakableEmail(e: string) {
  const at = e.indexOf('@');
  if (at < 0) return e;
  return (
    <>
      {e.slice(0, at + 1)}
      <wbr />
      {e.slice(at + 1)}
    </>
  );
}

const sourceLabel = (s: string) => (s.toLowerCase() === 'api' ? 'API' : s.charAt(0).toUpperCase() + s.slice(1));

export function ContactSummary({ contact, onEdit, focusEdit }: { contact: Contact; onEdit(): void; focusEdit?: boolean }) {
  const { timeZone } = useSession();
  const team = useTeam();
  const editRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEdit) editRef.current?.focus();
  }, [focusEdit]);

  const name = contactLabel(contact);
  const owner = contact.ownerId ? (team.data?.find((m) => m.id === contact.ownerId)?.name ?? (team.isPending ? '…' : 'Former team member')) : null;
  const created = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone }).format(new Date(contact.createdAt));

  return (
    <section className="sp-section" aria-label="Contact details">
      <div className="cs-head">
        <Avatar name={contact.name} size={40} />
        <h2 className="cs-name">{name}</h2>
        <button ref={editRef} type="button" className="button small" onClick={onEdit} aria-label={`Edit ${name}`}>
          <Pencil size={13} aria-hidden="true" /> Edit
        </button>
      </div>
      <dl className="sp-facts">
        <dt>Phone</dt>
        <dd>{contact.phone ? <a href={`tel:${contact.phone}`}>{formatPhone(contact.phone)}</a> : <span className="muted">None</span>}</dd>
        {contact.additionalPhones.length > 0 && (
          <>
            <dt>Other phones</dt>
            <dd>
              <ul className="sp-plain-list">
                {contact.additionalPhones.map((p) => (
                  <li key={p}>
                    <a href={`tel:${p}`}>{formatPhone(p)}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>E-mail</dt>
        <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{breakableEmail(contact.email)}</a> : <span className="muted">None</span>}</dd>
        {contact.additionalEmails.length > 0 && (
          <>
            <dt>Other e-mails</dt>
            <dd>
              <ul className="sp-plain-list">
                {contact.additionalEmails.map((e) => (
                  <li key={e}>
                    <a href={`mailto:${e}`}>{breakableEmail(e)}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {contact.webChatDetails && (
          <>
            <dt>From web chat</dt>
            <dd className="cs-unverified">
              <ul className="sp-plain-list">
                {contact.webChatDetails.phone && <li>{formatPhone(contact.webChatDetails.phone)}</li>}
                {contact.webChatDetails.email && <li>{breakableEmail(contact.webChatDetails.email)}</li>}
              </ul>
              <small className="muted">Typed by the visitor, not verified: copy into the contact with Edit if you trust it.</small>
            </dd>
          </>
        )}
        <dt>Tags</dt>
        <dd>
          {contact.tags.length > 0 ? (
            <ul className="sp-chips" aria-label="Tags">
              {contact.tags.map((t) => (
                <li key={t} className="chip">
                  {t}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Owner</dt>
        <dd>{owner ?? <span className="muted">Unassigned</span>}</dd>
        <dt>Source</dt>
        <dd>{contact.source ? sourceLabel(contact.source) : <span className="muted">Unknown</span>}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={contact.createdAt}>{created}</time>
        </dd>
      </dl>
    </section>
  );
}
