/**
 * The statements of messages/inbound-batch.ts, prepared once per connection (db/pool.ts). Every one
 * takes the batch as arrays (unnest), so its text — and its plan — is the same for any batch size.
 */
import { prepared } from '../db/pool';
import { CONTACT_COLUMNS } from '../contacts/serialize';
import { byPhoneSql } from '../contacts/lookup';
import { MESSAGE_COLUMNS } from './serialize';

/** Each input row's contact by main phone (unique index) or else additional phone (GIN @>). */
const LOOKUP = `
  SELECT i.location_id, i.phone AS _phone, c.* FROM input i
   CROSS JOIN LATERAL (${byPhoneSql(CONTACT_COLUMNS, { location: 'i.location_id', phone: 'i.phone' })}) c`;

/** $1 locations, $2 phones, $3 sources: found contacts, and the missing ones created. */
export const CONTACTS_FIND_OR_CREATE = prepared(
  'inbound_contacts',
  `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS i(location_id, phone, source, ord)),
   found AS (${LOOKUP}),
   created AS (
     INSERT INTO contacts (location_id, phone, source)
     SELECT i.location_id, i.phone, i.source FROM input i
      WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.location_id = i.location_id AND f._phone = i.phone)
      ORDER BY i.ord
     ON CONFLICT (location_id, phone) WHERE phone IS NOT NULL DO NOTHING
     RETURNING location_id, phone AS _phone, ${CONTACT_COLUMNS})
   SELECT false AS _created, * FROM found UNION ALL SELECT true, * FROM created`,
);

/** $1 locations, $2 phones: the contacts (a concurrent delivery created after the first look). */
export const CONTACTS_FIND = prepared('inbound_contacts_again', `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS i(location_id, phone)) ${LOOKUP}`);

/** $1 locations, $2 contacts: each contact's conversation, created when it has none. */
export const CONVERSATIONS_ENSURE = prepared(
  'inbound_conversations',
  `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS i(location_id, contact_id, ord)),
   ins AS (INSERT INTO conversations (location_id, contact_id) SELECT location_id, contact_id FROM input ORDER BY ord
           ON CONFLICT (location_id, contact_id) DO NOTHING RETURNING location_id, contact_id, id)
   SELECT location_id, contact_id, id, true AS created FROM ins
   UNION ALL
   SELECT c.location_id, c.contact_id, c.id, false FROM input i
     JOIN conversations c ON c.location_id = i.location_id AND c.contact_id = i.contact_id`,
);

export const CONVERSATIONS_FIND = prepared(
  'inbound_conversations_again',
  `SELECT c.location_id, c.contact_id, c.id FROM unnest($1::uuid[], $2::uuid[]) AS i(location_id, contact_id)
     JOIN conversations c ON c.location_id = i.location_id AND c.contact_id = i.contact_id`,
);

/**
 * The messages; a provider id already stored is skipped (not returned). One clock reading, then a
 * microsecond per item: the batch's order is the thread's order.
 */
export const MESSAGES_INSERT = prepared(
  'inbound_messages',
  `WITH t AS (SELECT clock_timestamp() AS at)
   INSERT INTO messages (location_id, conversation_id, contact_id, message_type, direction, status, body, channel,
                         provider, provider_message_id, created_at, updated_at)
   SELECT i.location_id, i.conversation_id, i.contact_id, i.message_type, 'inbound', 'received', i.body, i.channel,
          i.provider, i.provider_message_id, t.at + (i.ord - 1) * interval '1 microsecond', t.at + (i.ord - 1) * interval '1 microsecond'
     FROM t, unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
          WITH ORDINALITY AS i(location_id, conversation_id, contact_id, message_type, body, channel, provider, provider_message_id, ord)
    ORDER BY i.ord
   ON CONFLICT (location_id, provider, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
   RETURNING location_id, provider_message_id AS _pid, ${MESSAGE_COLUMNS}`,
);

/**
 * touchConversation's rules for n new inbound messages at once: the newest replaces the preview,
 * each adds an unread, the conversation reopens. Answers the rows as the conversation list shows them.
 */
export const CONVERSATIONS_TOUCH = prepared(
  'inbound_touch',
  `WITH u AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::int[])
                AS u(location_id, id, message_id, at, type, body, n)),
   up AS (
     UPDATE conversations c SET
       last_message_id        = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.message_id ELSE c.last_message_id END,
       last_message_type      = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.type ELSE c.last_message_type END,
       last_message_direction = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN 'inbound' ELSE c.last_message_direction END,
       last_message_body      = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.body ELSE c.last_message_body END,
       last_message_at        = CASE WHEN c.last_message_id IS NULL THEN u.at ELSE greatest(c.last_message_at, u.at) END,
       last_inbound_at   = CASE WHEN u.at >= c.last_inbound_at OR c.last_inbound_at IS NULL THEN u.at ELSE c.last_inbound_at END,
       last_inbound_type = CASE WHEN u.at >= c.last_inbound_at OR c.last_inbound_at IS NULL THEN u.type ELSE c.last_inbound_type END,
       channels = CASE WHEN u.type = ANY(c.channels) THEN c.channels ELSE c.channels || u.type END,
       unread_count = c.unread_count + u.n,
       state = 'open',
       updated_at = now()
     FROM u WHERE c.location_id = u.location_id AND c.id = u.id
     RETURNING c.*)
   SELECT up.id, up.location_id, up.contact_id, up.last_message_id, up.last_message_type, up.last_message_direction, up.last_message_body,
          up.last_message_at, up.last_inbound_at, up.last_inbound_type, up.unread_count, up.starred, up.assigned_to,
          up.state, up.channels, up.created_at, up.last_message_at::text AS _k, ct.first_name, ct.last_name, ct.phone, ct.email
     FROM up JOIN contacts ct ON ct.location_id = up.location_id AND ct.id = up.contact_id`,
);
