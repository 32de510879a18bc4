-- Up Migration
-- Working the conversation list (issue 6, filtering, sorting, read state):
--  * per-tab counts kept incrementally (never a COUNT over conversations per request),
--  * pagination that stays exact while messages keep arriving,
--  * "mentions of me" as an indexed filter,
--  * indexes for the filters that are selective.

-- Tab counts per location and assignee (the nil uuid: unassigned). A location's totals are the sum
-- of its rows (one per team member who ever had a conversation, plus one): tiny, and it answers
-- "mine" and "unassigned" (and an "only assigned" member's own tabs) exactly.
CREATE TABLE conversation_counts (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  assignee     uuid NOT NULL,                  -- conversations.assigned_to, or the nil uuid
  unread       integer NOT NULL DEFAULT 0,     -- unread_count > 0   (tab Unread)
  open         integer NOT NULL DEFAULT 0,     -- state = 'open'     (tab Recents)
  starred      integer NOT NULL DEFAULT 0,     -- starred            (tab Starred)
  total        integer NOT NULL DEFAULT 0,     -- every conversation (tab All)
  PRIMARY KEY (location_id, assignee)
);

-- Kept by statement-level triggers on conversations, so every writer is covered (recordMessage,
-- patches, bulk actions, contact deletion cascading, a removed member's conversations becoming
-- unassigned): one upsert per statement with the summed deltas of its rows, in key order (a bulk
-- statement locks its counter rows in a fixed order), and nothing when no flag changed (most
-- updates: a new message in an already unread conversation). The counter rows are hot: writers of
-- one location that change a flag queue on them until commit — the same serialisation the event
-- log's per-location counter already imposes at commit, so it costs little here. A transaction that
-- changed counts sets aix.counts_changed; db/tx.ts then emits counts.updated with the new values.
CREATE FUNCTION conversation_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows' END;
  n integer;
BEGIN
  EXECUTE format($q$
    INSERT INTO conversation_counts AS cc (location_id, assignee, unread, open, starred, total)
    SELECT d.location_id, d.assignee, d.unread, d.open, d.starred, d.total
      FROM (SELECT location_id, coalesce(assigned_to, '00000000-0000-0000-0000-000000000000') AS assignee,
                   sum(s * (unread_count > 0)::int) AS unread, sum(s * (state = 'open')::int) AS open,
                   sum(s * starred::int) AS starred, sum(s) AS total
              FROM (%s) x GROUP BY 1, 2) d
     WHERE (d.unread <> 0 OR d.open <> 0 OR d.starred <> 0 OR d.total <> 0)
       -- a location being deleted (its rows cascade away) gets no new counter row
       AND EXISTS (SELECT 1 FROM locations l WHERE l.id = d.location_id)
     ORDER BY d.location_id, d.assignee
    ON CONFLICT (location_id, assignee) DO UPDATE SET
      unread = cc.unread + EXCLUDED.unread, open = cc.open + EXCLUDED.open,
      starred = cc.starred + EXCLUDED.starred, total = cc.total + EXCLUDED.total
  $q$, src);
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    PERFORM set_config('aix.counts_changed', 'on', true);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER conversation_counts_ins AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_counts_apply();
CREATE TRIGGER conversation_counts_upd AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_counts_apply();
CREATE TRIGGER conversation_counts_del AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conversation_counts_apply();

INSERT INTO conversation_counts (location_id, assignee, unread, open, starred, total)
SELECT location_id, coalesce(assigned_to, '00000000-0000-0000-0000-000000000000'),
       count(*) FILTER (WHERE unread_count > 0), count(*) FILTER (WHERE state = 'open'),
       count(*) FILTER (WHERE starred), count(*)
  FROM conversations GROUP BY 1, 2;

-- Pagination while messages arrive. A page is keyset-paginated on (last_message_at, id); the first
-- page hands out its MVCC snapshot in the cursor, and later pages leave out the rows whose sort key
-- changed after it (moved_xid not visible in that snapshot): those moved while the client paged
-- and reach it as conversation.* events after the first page's `snapshot` position instead. So no
-- row is repeated (a moved row is never listed at its new place) or lost (an unmoved row keeps the
-- key it had in the snapshot, so the keyset finds it exactly once).
ALTER TABLE conversations ADD COLUMN moved_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE FUNCTION conversations_mark_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.last_message_at IS DISTINCT FROM OLD.last_message_at THEN
    NEW.moved_xid := pg_current_xact_id();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER conversations_mark_moved BEFORE UPDATE ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversations_mark_moved();

-- "Mentions of me": one row per (member, conversation) with an internal comment mentioning them,
-- written by the comments route in the comment's transaction.
CREATE TABLE conversation_mentions (
  location_id        uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  user_id            uuid NOT NULL,
  conversation_id    uuid NOT NULL,
  last_mentioned_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, user_id, conversation_id),
  FOREIGN KEY (location_id, user_id) REFERENCES memberships (location_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, conversation_id) REFERENCES conversations (location_id, id) ON DELETE CASCADE
);
-- ON DELETE CASCADE from conversations.
CREATE INDEX conversation_mentions_conversation_idx ON conversation_mentions (location_id, conversation_id);

-- Filters selective enough to deserve their own order-preserving index (the tabs' and the
-- assignee's exist since 0001). Direction has two values: the tab indexes serve it by filtering.
CREATE INDEX conversations_channel_idx ON conversations (location_id, last_message_type, last_message_at DESC, id DESC);
CREATE INDEX conversations_closed_idx ON conversations (location_id, last_message_at DESC, id DESC) WHERE state = 'closed';
