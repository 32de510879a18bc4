/**
 * Changing a contact's DND for one channel, with its Activity Card in the conversation, in the
 * caller's transaction. Used by opt-out keywords, carrier errors and (later) users.
 */
import type { DndChannel } from '#shared/dnd';
import type { Tx } from '../db/tx';
import { recordActivity } from '../activity/record';
import { CONTACT_COLUMNS, fullDndSettings, toContact } from './serialize';

export type { ActivityActor as Actor } from '#shared/activity';
import type { ActivityActor as Actor } from '#shared/activity';

export async function setChannelDnd(
  tx: Tx,
  locationId: string,
  contactId: string,
  channel: DndChannel,
  status: 'active' | 'inactive' | 'permanent',
  reason: string,
  actor: Actor,
): Promise<boolean> {
  const before = await tx.query(`SELECT dnd_settings FROM contacts WHERE location_id = $1 AND id = $2 FOR UPDATE`, [locationId, contactId]);
  if (!before.rows[0]) return false;
  const previous = fullDndSettings(before.rows[0].dnd_settings)[channel].status;
  // A permanent opt-out is never weakened to a temporary DND (only lifted, by the contact).
  if (previous === status || (previous === 'permanent' && status === 'active')) return false;
  const r = await tx.query(
    `UPDATE contacts SET dnd_settings = dnd_settings || jsonb_build_object($3::text, jsonb_build_object('status', $4::text, 'message', $5::text)),
            updated_at = now()
      WHERE location_id = $1 AND id = $2 RETURNING ${CONTACT_COLUMNS}`,
    [locationId, contactId, channel, status, reason],
  );
  tx.emit({ locationId, type: 'contact.updated', data: toContact(r.rows[0]) });
  const on = status !== 'inactive';
  await recordActivity(tx, {
    locationId,
    contactId,
    action: on ? 'dnd_on' : 'dnd_off',
    record: { type: 'contact', id: contactId },
    actor,
    changes: { [`${channel} DND`]: { from: previous, to: status } },
    details: { channel, reason },
    summary: on ? `DND ${status === 'permanent' ? 'set permanently' : 'enabled'} for ${channel}: ${reason}` : `DND removed for ${channel}: ${reason}`,
  });
  return true;
}
