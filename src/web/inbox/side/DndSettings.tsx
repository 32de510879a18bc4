/**
 * Do Not Disturb: global, inbound and per channel. Each switch saves at once (optimistic, put
 * back if the server refuses). A permanent opt-out (the contact replied STOP) cannot be lifted here.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { useId, useState } from 'react';
import type { MessageType } from '#shared/messages';
import type { Contact, ContactPatch } from '#shared/contacts';
import { DND_CHANNELS, type DndChannel } from '#shared/dnd';
import { DND_PANEL } from '#shared/channel-catalog';
import { errorMessage, patch } from '../../lib/api';
import { upsertContact } from '../../lib/cache';
import { keys } from '../../lib/queries';
import { ChannelIcon } from '../../ui/channels';
import { Switch } from '../../ui/Switch';

/** Label and icon of each DND setting (#shared/channel-catalog). */
const CHANNEL_META = Object.fromEntries(DND_PANEL.map((d) => [d.dnd, { label: d.label, type: d.type }])) as Record<DndChannel, { label: string; type: MessageType }>;

/** The contact with a DND change applied, as the server will store it. */
function applyChange(c: Contact, change: ContactPatch): Contact {
  return {
    ...c,
    ...(change.dnd !== undefined && { dnd: change.dnd }),
    ...(change.inboundDnd !== undefined && { inboundDnd: change.inboundDnd }),
    ...(change.dndSettings && { dndSettings: { ...c.dndSettings, ...change.dndSettings } }),
  };
}

/** The same fields as they were, to put back on failure without undoing other switches. */
function previousOf(c: Contact, change: ContactPatch): ContactPatch {
  const prev: ContactPatch = {};
  if (change.dnd !== undefined) prev.dnd = c.dnd;
  if (change.inboundDnd !== undefined) prev.inboundDnd = c.inboundDnd;
  if (change.dndSettings) {
    prev.dndSettings = Object.fromEntries(Object.keys(change.dndSettings).map((k) => [k, c.dndSettings[k as DndChannel]]));
  }
  return prev;
}

export function DndSettings({ contact }: { contact: Contact }) {
  const qc = useQueryClient();
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  async function save(change: ContactPatch) {
    setError(null);
    const key = keys.contact(contact.id);
    await qc.cancelQueries({ queryKey: key });
    const current = qc.getQueryData<Contact>(key) ?? contact;
    const undo = previousOf(current, change);
    upsertContact(qc, applyChange(current, change));
    try {
      upsertContact(qc, await patch<Contact>(`/contacts/${contact.id}`, change));
    } catch (err) {
      const now = qc.getQueryData<Contact>(key);
      if (now) upsertContact(qc, applyChange(now, undo));
      setError(`Could not change Do Not Disturb: ${errorMessage(err)}`);
    }
  }

  return (
    <section className="sp-section" id="contact-dnd" aria-labelledby={`${id}-title`}>
      <h2 className="sp-title" id={`${id}-title`}>
        Do Not Disturb
      </h2>
      {error && (
        <p className="form-error dnd-error" role="alert">
          {error}
        </p>
      )}
      <ul className="dnd-list">
        <li className="dnd-row">
          <label className="dnd-label" htmlFor={`${id}-global`}>
            <span>Global DND</span>
            <span className="dnd-hint">No messages or calls on any channel</span>
          </label>
          <Switch id={`${id}-global`} tone="danger" label="Global Do Not Disturb" checked={contact.dnd} onChange={(dnd) => void save({ dnd })} />
        </li>
        <li className="dnd-row">
          <label className="dnd-label" htmlFor={`${id}-inbound`}>
            <span>Inbound DND</span>
            <span className="dnd-hint">Inbound calls and messages</span>
          </label>
          <Switch
            id={`${id}-inbound`}
            tone="danger"
            label="Inbound Do Not Disturb"
            checked={contact.inboundDnd}
            onChange={(inboundDnd) => void save({ inboundDnd })}
          />
        </li>
      </ul>
      <h3 className="dnd-subtitle">By channel</h3>
      {contact.dnd && <p className="dnd-note">Global DND is on, so every channel is blocked whatever its own setting.</p>}
      <ul className="dnd-list">
        {DND_CHANNELS.map((ch) => {
          const meta = CHANNEL_META[ch];
          const status = contact.dndSettings[ch]?.status ?? 'inactive';
          const permanent = status === 'permanent';
          const noteId = `${id}-${ch}-note`;
          return (
            <li key={ch} className={`dnd-row${permanent ? ' is-permanent' : ''}`}>
              <span className="dnd-icon" aria-hidden="true">
                <ChannelIcon type={meta.type} size={14} title={meta.label} />
              </span>
              <label className="dnd-label" htmlFor={`${id}-${ch}`}>
                <span>{meta.label}</span>
                {permanent && (
                  <span className="dnd-permanent" id={noteId}>
                    <Lock size={12} aria-hidden="true" />
                    <span>Opted out (permanent) — only the contact can lift this by replying START</span>
                  </span>
                )}
              </label>
              <Switch
                id={`${id}-${ch}`}
                tone="danger"
                label={`${meta.label} Do Not Disturb`}
                checked={status !== 'inactive'}
                disabled={permanent}
                describedBy={permanent ? noteId : undefined}
                onChange={(on) => void save({ dndSettings: { [ch]: { status: on ? 'active' : 'inactive' } } })}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
