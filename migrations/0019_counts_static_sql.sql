-- Up Migration
-- The tab-count trigger (0011) built its statement with EXECUTE format(…) on every write to
-- conversations, so PostgreSQL parsed and planned it each time — measured by the benchmarks as a
-- large share of an inbound message's database time. The same logic as static SQL per operation:
-- planned once per connection and kept.

CREATE OR REPLACE FUNCTION conversation_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO conversation_counts AS cc (location_id, assignee, unread, open, starred, total)
    SELECT d.location_id, d.assignee, d.unread, d.open, d.starred, d.total
      FROM (SELECT location_id, coalesce(assigned_to, '00000000-0000-0000-0000-000000000000') AS assignee,
                   sum((unread_count > 0)::int) AS unread, sum((state = 'open')::int) AS open,
                   sum(starred::int) AS starred, count(*) AS total
              FROM new_rows GROUP BY 1, 2) d
     WHERE EXISTS (SELECT 1 FROM locations l WHERE l.id = d.location_id)
     ORDER BY d.location_id, d.assignee
    ON CONFLICT (location_id, assignee) DO UPDATE SET
      unread = cc.unread + EXCLUDED.unread, open = cc.open + EXCLUDED.open,
      starred = cc.starred + EXCLUDED.starred, total = cc.total + EXCLUDED.total;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO conversation_counts AS cc (location_id, assignee, unread, open, starred, total)
    SELECT d.location_id, d.assignee, d.unread, d.open, d.starred, d.total
      FROM (SELECT location_id, coalesce(assigned_to, '00000000-0000-0000-0000-000000000000') AS assignee,
                   -sum((unread_count > 0)::int) AS unread, -sum((state = 'open')::int) AS open,
                   -sum(starred::int) AS starred, -count(*) AS total
              FROM old_rows GROUP BY 1, 2) d
     -- a location being deleted (its rows cascade away) gets no new counter row
     WHERE EXISTS (SELECT 1 FROM locations l WHERE l.id = d.location_id)
     ORDER BY d.location_id, d.assignee
    ON CONFLICT (location_id, assignee) DO UPDATE SET
      unread = cc.unread + EXCLUDED.unread, open = cc.open + EXCLUDED.open,
      starred = cc.starred + EXCLUDED.starred, total = cc.total + EXCLUDED.total;
  ELSE
    INSERT INTO conversation_counts AS cc (location_id, assignee, unread, open, starred, total)
    SELECT d.location_id, d.assignee, d.unread, d.open, d.starred, d.total
      FROM (SELECT location_id, coalesce(assigned_to, '00000000-0000-0000-0000-000000000000') AS assignee,
                   sum(s * (unread_count > 0)::int) AS unread, sum(s * (state = 'open')::int) AS open,
                   sum(s * starred::int) AS starred, sum(s) AS total
              FROM (SELECT 1 AS s, location_id, assigned_to, unread_count, state, starred FROM new_rows
                    UNION ALL
                    SELECT -1, location_id, assigned_to, unread_count, state, starred FROM old_rows) x
             GROUP BY 1, 2) d
     WHERE (d.unread <> 0 OR d.open <> 0 OR d.starred <> 0 OR d.total <> 0)
       AND EXISTS (SELECT 1 FROM locations l WHERE l.id = d.location_id)
     ORDER BY d.location_id, d.assignee
    ON CONFLICT (location_id, assignee) DO UPDATE SET
      unread = cc.unread + EXCLUDED.unread, open = cc.open + EXCLUDED.open,
      starred = cc.starred + EXCLUDED.starred, total = cc.total + EXCLUDED.total;
  END IF;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    PERFORM set_config('aix.counts_changed', 'on', true);
  END IF;
  RETURN NULL;
END $$;
