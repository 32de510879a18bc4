-- Up Migration
-- In-app notifications of a team member in a location: a new inbound message on a conversation
-- assigned to them, an assignment to them, a mention of them in an internal comment. Written in
-- the transaction of their cause; gone with their conversation or the membership.
-- Inbound notifications of one conversation coalesce while unread (count, latest message).

CREATE TABLE notifications (
  location_id      uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL,                -- the recipient
  kind             text NOT NULL CHECK (kind IN ('inbound', 'assignment', 'mention')),
  conversation_id  uuid NOT NULL,
  message_id       uuid,                         -- the inbound message or the comment
  actor_id         uuid REFERENCES users (id) ON DELETE SET NULL, -- who assigned or mentioned
  body             text,                         -- preview of the message or comment
  count            integer NOT NULL DEFAULT 1 CHECK (count >= 1),
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  PRIMARY KEY (location_id, id),
  FOREIGN KEY (location_id, user_id) REFERENCES memberships (location_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, conversation_id) REFERENCES conversations (location_id, id) ON DELETE CASCADE
);
-- A user's notification centre, newest first (keyset on created_at, id).
CREATE INDEX notifications_user_idx ON notifications (location_id, user_id, created_at DESC, id DESC);
-- The unread badge, and the unread inbound notification an inbound message coalesces into.
CREATE INDEX notifications_unread_idx ON notifications (location_id, user_id, conversation_id) WHERE read_at IS NULL;
-- ON DELETE CASCADE from conversations.
CREATE INDEX notifications_conversation_idx ON notifications (location_id, conversation_id);
