-- Up Migration
-- Joining a team is by invitation: POST /users no longer attaches an existing account (it used to,
-- silently, with that account's password and name, from any other location). An invitation is a
-- one-time link; only sha256 of its token is stored. At most one pending invitation per e-mail and
-- location; accepted ones stay as the record of who joined through whom.
CREATE TABLE invitations (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  email        text NOT NULL,
  name         text,                               -- the name the admin typed (a suggestion for a new account)
  role         text NOT NULL CHECK (role IN ('admin', 'user')),
  token_hash   bytea NOT NULL,                     -- sha256 of the link's token (changes on resend)
  invited_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz NOT NULL DEFAULT now(), -- last (re)send
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  accepted_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (location_id, id),
  UNIQUE (location_id, token_hash)
);
CREATE UNIQUE INDEX invitations_pending_key ON invitations (location_id, lower(email)) WHERE accepted_at IS NULL;

-- One-time password reset links (admin-issued or "forgot password"): sha256 of the token, an hour
-- to live, used once. Global, like sessions.
CREATE TABLE password_resets (
  token_hash  bytea PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL, -- the admin who issued it; NULL: "forgot password"
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
