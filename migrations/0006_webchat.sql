-- Up Migration
-- Web chat visitors: one row per browser that opened the widget. The visitor token lives in the
-- visitor's localStorage; only its sha256 is stored. The contact is created on the first message
-- (contact_id stays NULL until then); deleting the contact ends the visitor too.
-- Widget settings (allowed origins, greeting, colour) are in locations.settings.webchat.
CREATE TABLE webchat_visitors (
  location_id   uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  token_hash    bytea NOT NULL,
  contact_id    uuid,
  name          text,
  email         text,
  phone         text,                            -- E.164
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  UNIQUE (location_id, token_hash),
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE CASCADE
);
-- "Which visitor is this contact?" (the agent side, later): starts with location_id.
CREATE INDEX webchat_visitors_contact_idx ON webchat_visitors (location_id, contact_id) WHERE contact_id IS NOT NULL;
