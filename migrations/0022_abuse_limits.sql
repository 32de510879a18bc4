-- Up Migration

-- Rate limits shared by every server process (webhooks, the chat widget, the pay page): a process
-- takes up to p_want hits of a key at once and spends them locally (http/shared-limit.ts), so a
-- busy key costs one round trip per chunk, not per request. The same sliding window as the login
-- limit: the current fixed window's hits plus the previous window's, weighted by how much of it
-- still lies within the last p_window_seconds. Never grants past p_max; refused hits are not
-- counted. Answers how many were granted, how long to wait when none were (ms), and how long the
-- current window has left (ms) — durations, so the caller's clock never has to agree with ours.
CREATE FUNCTION rate_limit_take(p_key text, p_window_seconds integer, p_max integer, p_want integer,
                                OUT granted integer, OUT retry_after_ms integer, OUT window_left_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
  w_start timestamptz := to_timestamp(floor(extract(epoch FROM now()) / p_window_seconds) * p_window_seconds);
  elapsed float8 := extract(epoch FROM now() - w_start);
  prev integer;
  cur integer;
  room float8;
  wait float8;
BEGIN
  SELECT hits INTO prev FROM rate_limit_hits
   WHERE key = p_key AND window_start = w_start - make_interval(secs => p_window_seconds);
  prev := coalesce(prev, 0);
  INSERT INTO rate_limit_hits (key, window_start, hits) VALUES (p_key, w_start, 0)
    ON CONFLICT (key, window_start) DO NOTHING;
  SELECT hits INTO cur FROM rate_limit_hits WHERE key = p_key AND window_start = w_start FOR UPDATE;
  room := p_max - cur - prev * greatest(0, 1 - elapsed / p_window_seconds);
  granted := least(p_want, greatest(0, floor(room)))::integer;
  window_left_ms := ceil((p_window_seconds - elapsed) * 1000)::integer;
  IF granted > 0 THEN
    UPDATE rate_limit_hits SET hits = hits + granted WHERE key = p_key AND window_start = w_start;
    retry_after_ms := 0;
    RETURN;
  END IF;
  IF p_max - cur >= 1 AND prev > 0 THEN
    -- The previous window's weight fades: room for one more once it has faded enough.
    wait := p_window_seconds * (1 - (p_max - cur - 1)::float8 / prev) - elapsed;
  ELSE
    -- This window is full: wait for it to end and for its own weight to fade in the next one.
    wait := (p_window_seconds - elapsed) + p_window_seconds * greatest(0, 1 - (p_max - 1)::float8 / greatest(cur, 1));
  END IF;
  retry_after_ms := greatest(1000, ceil(wait * 1000))::integer;
END $$;

-- Uploads not sent yet (a team member's composer file, a web chat visitor's upload, or a file left
-- behind by a deleted message): summed per location and per visitor against the unsent-bytes caps,
-- and deleted after an hour by the cleanup job. Few rows at any time, so the partial index is small.
CREATE INDEX attachments_unsent_idx ON attachments (location_id, visitor_id) INCLUDE (size, created_at)
  WHERE message_id IS NULL;

-- What a web chat visitor said about themselves ("Leave your details": e-mail, phone) is unverified:
-- it is shown to the team on the contact but kept out of contacts.phone/email, which match inbound
-- SMS, calls and e-mail to a contact (a visitor could otherwise claim someone else's number).
ALTER TABLE contacts ADD COLUMN web_chat_details jsonb;
