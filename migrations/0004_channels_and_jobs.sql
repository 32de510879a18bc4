-- Up Migration
-- Connected provider channels. Credentials are sealed (AES-256-GCM) by the application.
CREATE TABLE channels (
  location_id    uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  type           text NOT NULL CHECK (type IN ('twilio')),
  name           text NOT NULL,
  phone_number   text,                          -- E.164, Twilio
  account_sid    text,
  secrets        text NOT NULL,                 -- sealed JSON of tokens
  config         jsonb NOT NULL DEFAULT '{}'::jsonb, -- forwarding number, help text, opt-out line
  is_default     boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id)
);
-- An inbound webhook names only the number it was sent to: a number belongs to one location.
-- (Citus: a small reference table number → location would route this lookup.)
CREATE UNIQUE INDEX channels_twilio_number_key ON channels (phone_number) WHERE type = 'twilio';
CREATE INDEX channels_location_idx ON channels (location_id, type);

-- The user's own phone, for click-to-call (the call rings it first).
ALTER TABLE users ADD COLUMN phone text;

-- SMS send state per message (which number, segments…) lives in messages.channel; calls are
-- messages with provider 'twilio' and provider_message_id = CallSid.
