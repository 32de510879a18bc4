-- Up Migration
-- Search (GET /api/v1/search, GET /api/v1/conversations?q=): contacts by name, e-mail and phone in
-- any format, and message text ranked and highlighted.
--  * Whole words and word prefixes: full-text search ("book" finds "booking"), english stemming for
--    message text, 'simple' for names and e-mails.
--  * Partial words anywhere ("facial" in "HydraFacial") and phone digits ("(917) 381" → 917381):
--    pg_trgm, whose GIN index answers LIKE '%…%' for patterns of three characters and more.
--  * Every index starts with location_id (btree_gin), like every index serving a tenant query, so
--    a search reads one location's entries only and the table still shards by location_id.
--  * Adding the stored generated columns rewrites contacts and messages once (minutes for
--    millions of messages, under the migration's lock); new rows pay a tsvector and GIN entries.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Everything a contact is found by, lower-cased, the phone as bare digits: a query's digits
-- ("555-01", "+1 917 381") then match whatever punctuation the user typed.
ALTER TABLE contacts ADD COLUMN search_text text GENERATED ALWAYS AS (
  lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' ||
        regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))
) STORED;
CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (location_id, search_text gin_trgm_ops);
-- Word prefixes of one or two letters ("jo" → "Joanna"), which trigrams cannot answer.
CREATE INDEX contacts_search_fts_idx ON contacts USING gin (location_id, to_tsvector('simple', search_text));

-- Message text as a stored tsvector: ranking (ts_rank_cd) reads it instead of parsing every body.
ALTER TABLE messages ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
  to_tsvector('english', left(coalesce(body, ''), 100000))
) STORED;
CREATE INDEX messages_search_fts_idx ON messages USING gin (location_id, search_tsv);
CREATE INDEX messages_search_trgm_idx ON messages USING gin (location_id, body gin_trgm_ops) WHERE body IS NOT NULL;
-- The location's newest messages: a term too common to read all its matches is also looked for
-- among the newest ones, so recent messages are never crowded out by old ones.
CREATE INDEX messages_recent_idx ON messages (location_id, created_at DESC);
