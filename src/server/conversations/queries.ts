import type { Conversation } from '#shared/conversations';
import { prepared, type Queryable } from '../db/pool';
import { displayName } from '../contacts/serialize';

/** The columns toConversation reads, of conversation alias `c` joined with its contact `ct`. */
export const CONVERSATION_COLUMNS = (c: string) => `
  ${c}.id, ${c}.location_id, ${c}.contact_id, ${c}.last_message_id, ${c}.last_message_type, ${c}.last_message_direction, ${c}.last_message_body,
  ${c}.last_message_at, ${c}.last_inbound_at, ${c}.last_inbound_type, ${c}.inbound_at, ${c}.unread_count, ${c}.starred, ${c}.assigned_to,
  ${c}.state, ${c}.channels, ${c}.created_at, ${c}.last_message_at::text AS _k,
  ct.first_name, ct.last_name, ct.phone, ct.email`;

export const CONVERSATION_SELECT = `
  SELECT ${CONVERSATION_COLUMNS('c')}
    FROM conversations c
    JOIN contacts ct ON ct.location_id = c.location_id AND ct.id = c.contact_id`;

export function toConversation(r: any): Conversation {
  return {
    id: r.id,
    contact: { id: r.contact_id, name: displayName(r), phone: r.phone, email: r.email },
    lastMessage: r.last_message_id
      ? {
          id: r.last_message_id,
          messageType: r.last_message_type,
          direction: r.last_message_direction,
          body: r.last_message_body,
          createdAt: r.last_message_at.toISOString(),
        }
      : null,
    lastMessageAt: r.last_message_at.toISOString(),
    lastInbound: r.last_inbound_at ? { messageType: r.last_inbound_type, createdAt: r.last_inbound_at.toISOString() } : null,
    inboundAt: r.inbound_at ?? {},
    unreadCount: r.unread_count,
    starred: r.starred,
    assignedTo: r.assigned_to,
    state: r.state,
    channels: r.channels,
    createdAt: r.created_at.toISOString(),
  };
}

const LOAD_ONE = prepared('conversation_load', `${CONVERSATION_SELECT} WHERE c.location_id = $1 AND c.id = $2`);

export async function loadConversation(db: Queryable, locationId: string, id: string): Promise<Conversation | null> {
  const r = await db.query(LOAD_ONE, [locationId, id]);
  return r.rows[0] ? toConversation(r.rows[0]) : null;
}

export async function loadConversationByContact(db: Queryable, locationId: string, contactId: string): Promise<Conversation | null> {
  const r = await db.query(`${CONVERSATION_SELECT} WHERE c.location_id = $1 AND c.contact_id = $2`, [locationId, contactId]);
  return r.rows[0] ? toConversation(r.rows[0]) : null;
}
