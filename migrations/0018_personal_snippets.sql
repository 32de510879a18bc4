-- Up Migration
-- Personal snippets: a team member's own reply templates, seen and changed by them only, beside the
-- location's shared snippets (which admins manage). owner_id NULL: shared with the location.
-- Names stay unique among the shared snippets, and among each member's personal ones.
ALTER TABLE snippets ADD COLUMN owner_id uuid;
ALTER TABLE snippets ADD CONSTRAINT snippets_owner_fkey
  FOREIGN KEY (location_id, owner_id) REFERENCES memberships (location_id, user_id) ON DELETE CASCADE;
DROP INDEX snippets_name_key;
CREATE UNIQUE INDEX snippets_shared_name_key ON snippets (location_id, lower(name)) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX snippets_personal_name_key ON snippets (location_id, owner_id, lower(name)) WHERE owner_id IS NOT NULL;
-- The alphabetical list (shared and the caller's own, keyset on lower(name), id).
CREATE INDEX snippets_name_idx ON snippets (location_id, lower(name), id);
