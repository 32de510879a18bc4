/**
 * The statements of messages/inbound-batch.ts, prepared once per connection (db/pool.ts). Every one
 * takes the batch as arrays (unnest), so its text — and its plan — is the same for any batch size.
 * (Contacts are found or created by identity in contacts/identities.ts; the conversation row is
 * written by conversations/timeline-row.ts.)
 */
import { prepared } from '../db/pool';
import { MESSAGE_COLUMNS } from './serialize';

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
 * microsecond per item: the batch's order is the thread's order (unless the provider gave a time).
 */
export const MESSAGES_INSERT = prepared(
  'inbound_messages',
  `WITH t AS (SELECT clock_timestamp() AS at)
   INSERT INTO messages (location_id, conversation_id, contact_id, message_type, direction, status, body, channel, meta,
                         provider, provider_message_id, channel_id, created_at, updated_at)
   SELECT i.location_id, i.conversation_id, i.contact_id, i.message_type, i.direction, i.status, i.body, i.channel, i.meta,
          i.provider, i.provider_message_id, i.channel_id,
          coalesce(i.created_at, t.at + (i.ord - 1) * interval '1 microsecond'), t.at + (i.ord - 1) * interval '1 microsecond'
     FROM t, unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[],
                    $10::text[], $11::text[], $12::uuid[], $13::timestamptz[])
          WITH ORDINALITY AS i(location_id, conversation_id, contact_id, message_type, direction, status, body, channel, meta,
                               provider, provider_message_id, channel_id, created_at, ord)
    ORDER BY i.ord
   ON CONFLICT (location_id, provider, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
   RETURNING location_id, provider AS _provider, provider_message_id AS _pid, ${MESSAGE_COLUMNS}`,
);
