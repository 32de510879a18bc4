/**
 * Writing an Activity Card: a TYPE_ACTIVITY_* item in the contact's conversation, in the same
 * transaction as the change it describes, saying who did what (and for updates what changed).
 * Every record domain (opportunities, appointments, DND, invoices, payments) calls this.
 */
import type { ActivityActor, ActivityMeta, RecordType } from '#shared/activity';
import type { Message, MessageType } from '#shared/messages';
import type { Queryable } from '../db/pool';
import type { Tx } from '../db/tx';
import type { AuthContext } from '../http/types';
import { recordMessage } from '../messages/record';

const TYPE: Record<RecordType, MessageType> = {
  opportunity: 'TYPE_ACTIVITY_OPPORTUNITY',
  appointment: 'TYPE_ACTIVITY_APPOINTMENT',
  contact: 'TYPE_ACTIVITY_CONTACT',
  invoice: 'TYPE_ACTIVITY_INVOICE',
  payment: 'TYPE_ACTIVITY_PAYMENT',
};

export interface ActivityInput extends ActivityMeta {
  locationId: string;
  contactId: string;
  /** One line for the card and the thread (e.g. "Appointment rescheduled: Botox consult, Fri 3 PM"). */
  summary: string;
  /** Defaults to the record's type; a payment card opens its invoice (record: invoice). */
  kind?: RecordType;
}

export async function recordActivity(tx: Tx, a: ActivityInput): Promise<Message> {
  const meta: ActivityMeta = { action: a.action, record: a.record, actor: a.actor, ...(a.changes && { changes: a.changes }), ...(a.details && { details: a.details }) };
  const { message } = await recordMessage(tx, {
    locationId: a.locationId,
    contactId: a.contactId,
    messageType: TYPE[a.kind ?? a.record.type],
    direction: 'outbound',
    status: 'sent',
    body: a.summary,
    userId: a.actor.type === 'user' ? (a.actor.id ?? null) : null,
    meta: meta as unknown as Record<string, unknown>,
  });
  return message;
}

/** Who acted, from the request: a signed-in user by name, or the API. */
export async function actorOf(db: Queryable, auth: AuthContext): Promise<ActivityActor> {
  if (!auth.userId) return { type: 'system', id: null, name: 'API' };
  const r = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [auth.userId]);
  return { type: 'user', id: auth.userId, name: r.rows[0]?.name ?? 'Team member' };
}

/** The fields that differ between two versions, as {field: {from, to}}; empty when none. */
export function changesBetween<T extends Record<string, unknown>>(before: T, after: T, fields: (keyof T)[]): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) out[String(f)] = { from: before[f] ?? null, to: after[f] ?? null };
  }
  return out;
}
