-- Up Migration
-- A web chat visitor's contact is the contact with its `webchat` identity (contact_identities,
-- migration 0024 copied every link there); the visitor row no longer keeps its own.
DROP INDEX IF EXISTS webchat_visitors_contact_idx;
ALTER TABLE webchat_visitors DROP COLUMN contact_id;
