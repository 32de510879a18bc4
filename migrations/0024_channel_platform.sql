-- Up Migration
-- The channel platform (docs/ARCHITECTURE.md, "Channels"): generic connections, the addresses that
-- route inbound traffic to them, contact identities, pull-sync streams.

-- 1. Connections are generic: provider (channels.type), config, sealed secrets, status, last error.
--    Provider-specific values move into config; what routes inbound traffic lives in channel_addresses.
ALTER TABLE channels DROP CONSTRAINT IF EXISTS channels_type_check;
ALTER TABLE channels ADD CONSTRAINT channels_type_check CHECK (type ~ '^[a-z][a-z0-9_]{1,30}$');
ALTER TABLE channels
  ADD COLUMN status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'error', 'reconnect', 'disabled')),
  ADD COLUMN last_error     text,
  ADD COLUMN last_error_at  timestamptz,
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now();
UPDATE channels SET config = config || jsonb_build_object('phoneNumber', phone_number, 'accountSid', account_sid)
 WHERE type = 'twilio';

-- Inbound webhooks name an address (a Twilio number, a WhatsApp phone number id, a Page id, an
-- Instagram account id, a mailbox, a Google location), never a location: this table routes them.
-- An address belongs to one connection of one location. (Citus: a reference table, read on every
-- webhook; see docs/SCALING.md.)
CREATE TABLE channel_addresses (
  kind         text NOT NULL,            -- twilio_number, whatsapp_phone_number_id, facebook_page, instagram_account, mailbox, google_location…
  address      text NOT NULL,
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  channel_id   uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, address),
  FOREIGN KEY (location_id, channel_id) REFERENCES channels (location_id, id) ON DELETE CASCADE
);
CREATE INDEX channel_addresses_channel_idx ON channel_addresses (location_id, channel_id);
INSERT INTO channel_addresses (kind, address, location_id, channel_id)
  SELECT 'twilio_number', phone_number, location_id, id FROM channels WHERE type = 'twilio' AND phone_number IS NOT NULL;
DROP INDEX IF EXISTS channels_twilio_number_key;
ALTER TABLE channels DROP COLUMN phone_number, DROP COLUMN account_sid;

-- Messages name the connection they went through (a soft reference: a removed connection leaves
-- the history as it was; a send through it fails with channel_removed).
ALTER TABLE messages ADD COLUMN channel_id uuid;
UPDATE messages SET channel_id = (channel->>'channelId')::uuid
 WHERE channel ? 'channelId' AND channel->>'channelId' ~ '^[0-9a-f-]{36}$';

-- 2. Contact identities: (location, kind, value) → contact. Phones (E.164) and e-mail addresses
--    (lower case) are kept in step with the contact's own columns by the trigger below; the others
--    (WhatsApp is found by phone; Messenger PSID, Instagram IGSID, Google reviewer, web chat visitor)
--    are written by their channels. One indexed lookup finds the contact of any inbound message.
CREATE TABLE contact_identities (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('phone', 'email', 'messenger', 'instagram', 'google', 'webchat')),
  value        text NOT NULL,
  contact_id   uuid NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, kind, value),
  -- Deferred: a batch claims identities for contacts it creates in the same statement.
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX contact_identities_contact_idx ON contact_identities (location_id, contact_id);

INSERT INTO contact_identities (location_id, kind, value, contact_id)
  SELECT location_id, 'phone', p, id FROM contacts, unnest(array_prepend(phone, additional_phones)) AS p WHERE p IS NOT NULL
  ON CONFLICT DO NOTHING;
INSERT INTO contact_identities (location_id, kind, value, contact_id)
  SELECT location_id, 'email', lower(e), id FROM contacts, unnest(array_prepend(email, additional_emails)) AS e WHERE e IS NOT NULL
  ON CONFLICT DO NOTHING;
INSERT INTO contact_identities (location_id, kind, value, contact_id)
  SELECT location_id, 'webchat', id::text, contact_id FROM webchat_visitors WHERE contact_id IS NOT NULL
  ON CONFLICT DO NOTHING;

-- A phone or e-mail that another contact already has is refused (unique violation on
-- contact_identities_pkey: the contacts service answers 409 duplicate_contact). Statement-level
-- triggers with transition tables: a bulk insert (an import, the benchmark's generator) pays one
-- set-based statement, not a function call per row.
CREATE FUNCTION contact_identities_wanted(c contacts) RETURNS TABLE (kind text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT 'phone', p FROM unnest(array_prepend(c.phone, c.additional_phones)) AS p WHERE p IS NOT NULL
  UNION
  SELECT DISTINCT 'email', lower(e) FROM unnest(array_prepend(c.email, c.additional_emails)) AS e WHERE e IS NOT NULL
$$;

CREATE FUNCTION contacts_identities_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_identities (location_id, kind, value, contact_id)
    SELECT n.location_id, w.kind, w.value, n.id FROM new_rows n, contact_identities_wanted(n) w
     WHERE NOT EXISTS (SELECT 1 FROM contact_identities ci
                        WHERE ci.location_id = n.location_id AND ci.kind = w.kind AND ci.value = w.value AND ci.contact_id = n.id);
  RETURN NULL;
END $$;

CREATE FUNCTION contacts_identities_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (a name, DND, tags) leave phones and e-mails alone: nothing to do.
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.location_id = n.location_id AND o.id = n.id
                  WHERE o.phone IS DISTINCT FROM n.phone OR o.email IS DISTINCT FROM n.email
                     OR o.additional_phones IS DISTINCT FROM n.additional_phones OR o.additional_emails IS DISTINCT FROM n.additional_emails) THEN
    RETURN NULL;
  END IF;
  DELETE FROM contact_identities ci USING new_rows n
   WHERE ci.location_id = n.location_id AND ci.contact_id = n.id AND ci.kind IN ('phone', 'email')
     AND NOT EXISTS (SELECT 1 FROM contact_identities_wanted(n) w WHERE w.kind = ci.kind AND w.value = ci.value);
  INSERT INTO contact_identities (location_id, kind, value, contact_id)
    SELECT n.location_id, w.kind, w.value, n.id FROM new_rows n, contact_identities_wanted(n) w
     WHERE NOT EXISTS (SELECT 1 FROM contact_identities ci
                        WHERE ci.location_id = n.location_id AND ci.kind = w.kind AND ci.value = w.value AND ci.contact_id = n.id);
  RETURN NULL;
END $$;

CREATE TRIGGER contacts_identities_ins AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_identities_after_insert();
CREATE TRIGGER contacts_identities_upd AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION contacts_identities_after_update();

-- Deleting a contact never deletes invoices (and their payments) silently: it is refused while
-- the contact has any (merge moves them; the contacts service answers 409).
ALTER TABLE invoices DROP CONSTRAINT invoices_location_id_contact_id_fkey;
ALTER TABLE invoices ADD CONSTRAINT invoices_location_id_contact_id_fkey
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE RESTRICT;

-- The contact's last inbound message per item type ({"TYPE_WHATSAPP": "2026-…"}), kept with the
-- conversation row: the messaging windows (send-rules) read it without scanning the thread.
ALTER TABLE conversations ADD COLUMN inbound_at jsonb NOT NULL DEFAULT '{}'::jsonb;
UPDATE conversations c SET inbound_at = x.m FROM (
  SELECT location_id, conversation_id, jsonb_object_agg(message_type, at) AS m FROM (
    SELECT location_id, conversation_id, message_type, max(created_at) AS at FROM messages
     WHERE direction = 'inbound' AND message_type IN ('TYPE_SMS','TYPE_CALL','TYPE_EMAIL','TYPE_FACEBOOK','TYPE_INSTAGRAM',
                                                     'TYPE_INSTAGRAM_COMMENT','TYPE_WHATSAPP','TYPE_REVIEW','TYPE_LIVE_CHAT')
     GROUP BY 1, 2, 3) y GROUP BY 1, 2) x
 WHERE c.location_id = x.location_id AND c.id = x.conversation_id;

-- 3. Pull sync: per connection and stream (a mailbox folder, a Google location's reviews, …) the
--    provider cursor, advanced in the transaction that stores what it imported; the stream's
--    health for admins. One process at a time runs a stream (advisory lock, job key).
CREATE TABLE sync_streams (
  location_id      uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  channel_id       uuid NOT NULL,
  stream           text NOT NULL,
  cursor           jsonb NOT NULL DEFAULT '{}'::jsonb,
  stage            text NOT NULL DEFAULT 'initial' CHECK (stage IN ('initial', 'incremental', 'paused')),
  failures         integer NOT NULL DEFAULT 0,
  last_error       text,
  last_error_at    timestamptz,
  last_success_at  timestamptz,
  next_run_at      timestamptz NOT NULL DEFAULT now(),
  items_imported   bigint NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, channel_id, stream),
  FOREIGN KEY (location_id, channel_id) REFERENCES channels (location_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_streams_due_idx ON sync_streams (next_run_at) WHERE stage <> 'paused';

-- 4. The status inbox holds the provider's words for an early failure too (any provider).
ALTER TABLE provider_status_inbox ADD COLUMN error_message text;
