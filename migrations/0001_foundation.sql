-- Up Migration
-- Foundation schema. Conventions (docs/ARCHITECTURE.md, "Data model"):
--  * Tenant tables carry location_id; their primary key is (location_id, id) and every index that
--    serves a tenant query starts with location_id, so each table can be distributed by
--    location_id (Citus: create_distributed_table('<t>', 'location_id'), co-located).
--  * Foreign keys between tenant tables include location_id, so a row can never point at a
--    record of another location.
--  * Global tables (locations, users, sessions, rate_limit_hits) are small reference tables.

CREATE TABLE locations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  timezone    text NOT NULL DEFAULT 'UTC',
  country     char(2) NOT NULL DEFAULT 'US',
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text NOT NULL,
  preferences    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('admin', 'user')),
  permissions  jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, user_id)
);
-- "Which locations may this user open?" (login, location switcher): not a tenant query.
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE sessions (
  token_hash    bytea PRIMARY KEY,               -- sha256 of the cookie value; the value itself is never stored
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  location_id   uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE, -- current location
  csrf_token    text NOT NULL,
  ip            text,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  location_id   uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  key_prefix    text NOT NULL,                    -- first characters, to recognise a key in the list
  key_hash      bytea NOT NULL,                   -- sha256 of the full key
  created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  PRIMARY KEY (location_id, id),
  UNIQUE (location_id, key_hash)
);

CREATE TABLE contacts (
  location_id        uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  first_name         text,
  last_name          text,
  phone              text,                        -- main phone, E.164
  email              text,                        -- main e-mail
  additional_phones  text[] NOT NULL DEFAULT '{}',
  additional_emails  text[] NOT NULL DEFAULT '{}',
  tags               text[] NOT NULL DEFAULT '{}',
  dnd                boolean NOT NULL DEFAULT false, -- global DND
  dnd_settings       jsonb NOT NULL DEFAULT '{}'::jsonb,
  inbound_dnd        boolean NOT NULL DEFAULT false,
  owner_id           uuid,
  source             text,
  custom_fields      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  FOREIGN KEY (location_id, owner_id) REFERENCES memberships (location_id, user_id) ON DELETE SET NULL (owner_id)
);
CREATE UNIQUE INDEX contacts_phone_key ON contacts (location_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX contacts_email_key ON contacts (location_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX contacts_created_idx ON contacts (location_id, created_at DESC, id DESC);
CREATE INDEX contacts_additional_phones_idx ON contacts USING gin (additional_phones);

CREATE TABLE conversations (
  location_id             uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  contact_id              uuid NOT NULL,
  last_message_id         uuid,
  last_message_type       text,
  last_message_direction  text,
  last_message_body       text,                   -- preview, at most 200 characters
  last_message_at         timestamptz NOT NULL DEFAULT now(), -- sort key; creation time until a message arrives
  last_inbound_at         timestamptz,
  last_inbound_type       text,
  unread_count            integer NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
  starred                 boolean NOT NULL DEFAULT false,
  assigned_to             uuid,
  state                   text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  UNIQUE (location_id, contact_id),               -- exactly one conversation per contact
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, assigned_to) REFERENCES memberships (location_id, user_id) ON DELETE SET NULL (assigned_to)
);
CREATE INDEX conversations_all_idx ON conversations (location_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_open_idx ON conversations (location_id, last_message_at DESC, id DESC) WHERE state = 'open';
CREATE INDEX conversations_unread_idx ON conversations (location_id, last_message_at DESC, id DESC) WHERE unread_count > 0;
CREATE INDEX conversations_starred_idx ON conversations (location_id, last_message_at DESC, id DESC) WHERE starred;
CREATE INDEX conversations_assigned_idx ON conversations (location_id, assigned_to, last_message_at DESC, id DESC);

CREATE TABLE messages (
  location_id          uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  conversation_id      uuid NOT NULL,
  contact_id           uuid NOT NULL,
  message_type         text NOT NULL,
  direction            text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  status               text NOT NULL,
  body                 text,
  channel              jsonb NOT NULL DEFAULT '{}'::jsonb, -- from/to, subject, cc, bcc, html…
  meta                 jsonb NOT NULL DEFAULT '{}'::jsonb, -- call duration/recording, activity details, mentions…
  provider             text,
  provider_message_id  text,
  user_id              uuid REFERENCES users (id) ON DELETE SET NULL, -- team member who sent it
  error_code           text,
  error_message        text,
  scheduled_at         timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  FOREIGN KEY (location_id, conversation_id) REFERENCES conversations (location_id, id) ON DELETE CASCADE
);
-- A provider retry (same provider id) can never store a second message.
CREATE UNIQUE INDEX messages_provider_key ON messages (location_id, provider, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (location_id, conversation_id, created_at DESC, id DESC);

CREATE TABLE attachments (
  location_id   uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id    uuid,
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size          bigint NOT NULL CHECK (size >= 0),
  sha256        text NOT NULL,
  storage_key   text NOT NULL,
  uploaded_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  FOREIGN KEY (location_id, message_id) REFERENCES messages (location_id, id) ON DELETE SET NULL (message_id)
);
CREATE INDEX attachments_message_idx ON attachments (location_id, message_id) WHERE message_id IS NOT NULL;

-- Real-time event log. seq is per location and assigned under the location's counter row lock,
-- which is held until commit: within a location, seq order is commit order, so a reader that has
-- seen seq N has seen everything before it (replay with ?since=N has no gaps).
CREATE TABLE event_counters (
  location_id  uuid PRIMARY KEY REFERENCES locations (id) ON DELETE CASCADE,
  seq          bigint NOT NULL DEFAULT 0
);
CREATE TABLE events (
  location_id      uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  seq              bigint NOT NULL,
  type             text NOT NULL,
  conversation_id  uuid,
  data             jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, seq)
);
CREATE INDEX events_created_idx ON events (location_id, created_at);

-- Fixed-window counters shared by all server processes (login rate limit).
CREATE TABLE rate_limit_hits (
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL DEFAULT 1,
  PRIMARY KEY (key, window_start)
);
