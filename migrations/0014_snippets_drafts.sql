-- Up Migration
-- Snippets (reply templates with merge fields), composer drafts kept per user and conversation,
-- and what scheduled messages need (the send itself is a graphile-worker job per message).

-- A snippet: a text snippet (any channel) or an e-mail snippet (with a subject). Folders are a
-- label on the snippet (NULL: no folder); names are unique per location, whatever the case, so a
-- quick search by name finds one snippet.
CREATE TABLE snippets (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  kind         text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'email')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  subject      text CHECK (subject IS NULL OR kind = 'email'),
  body         text NOT NULL,
  folder       text CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 60),
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id)
);
-- Names are unique per location; the same index serves the alphabetical list (keyset on lower(name)).
CREATE UNIQUE INDEX snippets_name_key ON snippets (location_id, lower(name));
CREATE INDEX snippets_folder_idx ON snippets (location_id, folder, lower(name), id) WHERE folder IS NOT NULL;

-- The composer's unsent text, per team member and conversation (restored on any device).
CREATE TABLE drafts (
  location_id      uuid NOT NULL,
  user_id          uuid NOT NULL,
  conversation_id  uuid NOT NULL,
  body             text NOT NULL DEFAULT '',
  subject          text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, user_id, conversation_id),
  FOREIGN KEY (location_id, user_id) REFERENCES memberships (location_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, conversation_id) REFERENCES conversations (location_id, id) ON DELETE CASCADE
);
CREATE INDEX drafts_conversation_idx ON drafts (location_id, conversation_id);

-- Scheduled messages still waiting (status 'scheduled'): found by time for the thread and audits.
CREATE INDEX messages_scheduled_idx ON messages (location_id, scheduled_at) WHERE status = 'scheduled';
