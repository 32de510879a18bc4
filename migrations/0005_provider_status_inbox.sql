-- Up Migration
-- A provider may report a message's status before our send job has stored the provider id it
-- answered with (the callback races the API response). Such reports wait here and are applied
-- by the job; both sides take an advisory lock on the provider id, so none is lost.
CREATE TABLE provider_status_inbox (
  location_id          uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  provider             text NOT NULL,
  provider_message_id  text NOT NULL,
  status               text NOT NULL,
  error_code           text,
  received_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, provider, provider_message_id, status)
);
