/**
 * DND changed through the API (a user in Contact Details, or an integration): refused when it would
 * lift a permanent opt-out (only the contact can, by replying START), and described by one
 * Activity Card per change, in the same transaction.
 */
import type { ActivityActor } from '#shared/activity';
import type { Contact, ContactPatch } from '#shared/contacts';
import { DND_CHANNELS } from '#shared/dnd';
import { recordActivity } from '../activity/record';
import type { Tx } from '../db/tx';
import { AppError } from '../http/errors';

export function assertNoPermanentLift(before: Contact, patch: ContactPatch): void {
  for (const ch of DND_CHANNELS) {
    const next = patch.dndSettings?.[ch]?.status;
    if (next && next !== 'permanent' && before.dndSettings[ch].status === 'permanent') {
      throw new AppError(
        422,
        'dnd_permanent',
        `${ch} DND is permanent (${before.dndSettings[ch].message ?? 'the contact opted out'}): only the contact can lift it${ch === 'SMS' ? ' by replying START' : ''}.`,
        { channel: ch, fields: [{ field: `body.dndSettings.${ch}.status`, message: 'cannot lift a permanent opt-out' }] },
      );
    }
  }
}

export async function recordDndChanges(tx: Tx, locationId: string, before: Contact, after: Contact, actor: ActivityActor): Promise<void> {
  const card = (summary: string, on: boolean, field: string, from: unknown, to: unknown, channel?: string) =>
    recordActivity(tx, {
      locationId,
      contactId: after.id,
      action: on ? 'dnd_on' : 'dnd_off',
      record: { type: 'contact', id: after.id },
      actor,
      changes: { [field]: { from, to } },
      details: channel ? { channel } : {},
      summary,
    });
  const onOff = (b: boolean) => (b ? 'on' : 'off');
  if (before.dnd !== after.dnd) {
    await card(after.dnd ? 'DND enabled for all channels' : 'DND removed for all channels', after.dnd, 'Global DND', onOff(before.dnd), onOff(after.dnd));
  }
  if (before.inboundDnd !== after.inboundDnd) {
    await card(after.inboundDnd ? 'Inbound DND enabled: calls and texts are held' : 'Inbound DND removed', after.inboundDnd, 'Inbound DND', onOff(before.inboundDnd), onOff(after.inboundDnd));
  }
  for (const ch of DND_CHANNELS) {
    const from = before.dndSettings[ch].status;
    const to = after.dndSettings[ch].status;
    if (from !== to) await card(to !== 'inactive' ? `DND enabled for ${ch}` : `DND removed for ${ch}`, to !== 'inactive', `${ch} DND`, from, to, ch);
  }
}
