/**
 * What a visitor sees and sends: only the web chat items (TYPE_LIVE_CHAT) of their own contact's
 * conversation — never internal comments, activity items or other channels — with the replying
 * team member's name. A visitor's message goes through recordMessage like any other channel's.
 */
import type { Attachment, Message } from '#shared/messages';
import type { WidgetMessage, WidgetMessageCreate, WidgetMessageList } from '#shared/webchat';
import crypto from 'node:crypto';
import type { Queryable } from '../../db/pool';
import type { Deps } from '../../http/types';
import { withTx } from '../../db/tx';
import { decodeKeyset, encodeKeyset } from '../../http/cursor';
import { assertOwnUploads, ATTACHMENTS_JSON, widgetAttachment } from './attachments';
import { updateVisitorContact, visitorName } from './contact';
import { lockVisitor, type Visitor } from './visitors';

export const LIVE_CHAT = 'TYPE_LIVE_CHAT';
const PAGE = 50;
const AFTER_MAX = 200;

export const PROVIDER = 'webchat';

const SELECT = `
  SELECT m.id, m.location_id, m.direction, m.body, m.created_at, m.created_at::text AS _k, m.channel->>'clientId' AS client_id,
         u.name AS agent_name, ${ATTACHMENTS_JSON} AS attachments
    FROM messages m LEFT JOIN users u ON u.id = m.user_id`;

function toWidgetMessage(r: any): WidgetMessage {
  return {
    id: r.id,
    direction: r.direction,
    body: r.body,
    attachments: r.attachments.map((a: Attachment) => widgetAttachment(r.location_id, { ...a, size: Number(a.size) })),
    createdAt: r.created_at.toISOString(),
    agent: r.direction === 'outbound' ? { name: r.agent_name ?? 'The team' } : null,
    clientId: r.client_id ?? null,
  };
}

/** The same shape from a message event (the socket): the agent's name is looked up by the caller. */
export function widgetMessageFromEvent(locationId: string, m: Message, agentName: string | null): WidgetMessage {
  return {
    id: m.id,
    direction: m.direction,
    body: m.body,
    attachments: m.attachments.map((a) => widgetAttachment(locationId, a)),
    createdAt: m.createdAt,
    agent: m.direction === 'outbound' ? { name: agentName ?? 'The team' } : null,
    clientId: typeof m.channel.clientId === 'string' ? m.channel.clientId : null,
  };
}

/**
 * The newest page (oldest first within it), an older page by `cursor`, or everything after the
 * message `after` (what a reconnecting widget missed).
 */
export async function listVisitorMessages(db: Queryable, v: Visitor, q: { cursor?: string; after?: string }): Promise<WidgetMessageList> {
  if (!v.conversationId) return { items: [], nextCursor: null };
  // Scheduled replies (and cancelled ones) are the team's until they are sent.
  const base = `WHERE m.location_id = $1 AND m.conversation_id = $2 AND m.message_type = '${LIVE_CHAT}' AND m.status NOT IN ('scheduled', 'canceled')`;
  const anchor = q.after
    ? // created_at as text: a JS Date would drop the microseconds the comparison needs.
      (await db.query('SELECT created_at::text AS k FROM messages WHERE location_id = $1 AND conversation_id = $2 AND id = $3', [v.locationId, v.conversationId, q.after])).rows[0]
    : undefined;
  if (anchor) {
    const r = await db.query(
      `${SELECT} ${base} AND (m.created_at, m.id) > ($3::timestamptz, $4::uuid) ORDER BY m.created_at, m.id LIMIT ${AFTER_MAX}`,
      [v.locationId, v.conversationId, anchor.k, q.after],
    );
    return { items: r.rows.map(toWidgetMessage), nextCursor: null };
  }
  // An unknown `after` (deleted, or of another thread) answers the newest page, as without it.
  const before = decodeKeyset(q.cursor);
  const values: unknown[] = [v.locationId, v.conversationId];
  let keyset = '';
  if (before) {
    values.push(before.k, before.id);
    keyset = 'AND (m.created_at, m.id) < ($3::timestamptz, $4::uuid)';
  }
  const r = await db.query(`${SELECT} ${base} ${keyset} ORDER BY m.created_at DESC, m.id DESC LIMIT ${PAGE + 1}`, values);
  const more = r.rows.length > PAGE;
  const rows = r.rows.slice(0, PAGE);
  const oldest = rows[rows.length - 1];
  return { items: rows.reverse().map(toWidgetMessage), nextCursor: more && oldest ? encodeKeyset(oldest._k, oldest.id) : null };
}

/**
 * The visitor's message (text, files they uploaded, or both): creates their contact (and so the
 * conversation) on the first one. A retry with the same client id answers the stored message.
 */
export async function postVisitorMessage(deps: Deps, visitor: Visitor, input: WidgetMessageCreate): Promise<WidgetMessage> {
  return withTx(deps.pool, async (tx) => {
    // Locked: two first messages at once create one contact.
    const v = await lockVisitor(tx, visitor.locationId, visitor.id);
    const retried = input.clientId ? await findByClientId(tx, v, input.clientId) : null;
    if (retried) return retried;
    if (input.attachments?.length) await assertOwnUploads(tx, v, input.attachments);
    // Through the one ingest entry, like every channel's inbound item: the contact is the one with
    // this visitor's web chat identity, created (and announced) on the first message.
    const stored = await deps.ingest.record(tx, {
      locationId: v.locationId,
      channelId: null,
      provider: PROVIDER,
      identity: { kind: 'webchat', value: v.id },
      profile: visitorName(v),
      source: 'web chat',
      messageType: LIVE_CHAT,
      body: input.body || null,
      channel: { visitorId: v.id, ...(input.clientId && { clientId: input.clientId }) },
      // The widget's client id makes a retried post a duplicate; without one, every post is new.
      providerMessageId: `${v.id}:${input.clientId ?? crypto.randomUUID()}`,
      attachmentIds: input.attachments,
    });
    if (!v.contactId) await updateVisitorContact(tx, v.locationId, stored.contactId, { email: v.email, phone: v.phone });
    return widgetMessageFromEvent(v.locationId, stored.message!, null);
  });
}

async function findByClientId(db: Queryable, v: Visitor, clientId: string): Promise<WidgetMessage | null> {
  const r = await db.query(`${SELECT} WHERE m.location_id = $1 AND m.provider = '${PROVIDER}' AND m.provider_message_id = $2`, [
    v.locationId,
    `${v.id}:${clientId}`,
  ]);
  return r.rows[0] ? toWidgetMessage(r.rows[0]) : null;
}
