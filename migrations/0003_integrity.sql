-- Up Migration
-- A provider id is only unique together with its provider: one without the other is refused.
ALTER TABLE messages ADD CONSTRAINT messages_provider_id_needs_provider
  CHECK (provider_message_id IS NULL OR provider IS NOT NULL);
-- Lookups by an additional phone are tenant queries: the index starts with location_id.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX contacts_additional_phones_idx;
CREATE INDEX contacts_additional_phones_idx ON contacts USING gin (location_id, additional_phones);
