/**
 * The data set as SQL run inside PostgreSQL (INSERT … SELECT over generate_series): nothing
 * crosses the wire per row, so millions of rows take minutes, not hours. Every location is built
 * by the same statements, parametrised by its size.
 */
import { FIRST_NAMES, LAST_NAMES, RARE_SHARE, RARE_WORD, SENTENCES, TREATMENTS, WEEKDAYS } from './corpus';

export interface LocationPlan {
  /** Ordinal of the location (0 = the large one); phones and e-mails derive from it. */
  ordinal: number;
  name: string;
  contacts: number;
  messages: number;
  users: number;
  /** Items in the location's first conversation (the long thread the thread benchmark reads). */
  bigThread: number;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;

/** Helper functions in schema bench: random picks and message bodies. */
export const FUNCTIONS_SQL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS
  $$ SELECT a[1 + floor(random() * array_length(a, 1))::int] $$;
CREATE OR REPLACE FUNCTION bench.sentence() RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(replace(bench.pick(${arr(SENTENCES)}),
    '{n}', (2 + floor(random() * 10))::text),
    '{t}', (1 + floor(random() * 11))::text || ':' || bench.pick(ARRAY['00','15','30','45']) || bench.pick(ARRAY['am','pm'])),
    '{d}', bench.pick(${arr(WEEKDAYS)})),
    '{p}', '$' || (5 + floor(random() * 80))::text || '0'),
    '{w}', bench.pick(${arr(TREATMENTS)}))
$$;
-- k sentences; a few messages also carry the rare word.
CREATE OR REPLACE FUNCTION bench.body(k int) RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT string_agg(bench.sentence(), ' ') || CASE WHEN random() < ${RARE_SHARE} THEN ' Is ${RARE_WORD} something you do?' ELSE '' END
    FROM generate_series(1, k)
$$;
-- A channel by realistic shares.
CREATE OR REPLACE FUNCTION bench.channel(r float8) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN r < 0.42 THEN 'TYPE_SMS' WHEN r < 0.52 THEN 'TYPE_CALL' WHEN r < 0.66 THEN 'TYPE_EMAIL'
              WHEN r < 0.73 THEN 'TYPE_FACEBOOK' WHEN r < 0.80 THEN 'TYPE_INSTAGRAM' WHEN r < 0.90 THEN 'TYPE_WHATSAPP'
              WHEN r < 0.96 THEN 'TYPE_LIVE_CHAT' WHEN r < 0.98 THEN 'TYPE_REVIEW' ELSE 'TYPE_INTERNAL_COMMENT' END
$$;
-- A body of the channel's usual length (calls have none).
CREATE OR REPLACE FUNCTION bench.body_for(t text) RETURNS text LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT CASE t WHEN 'TYPE_CALL' THEN NULL
                WHEN 'TYPE_EMAIL' THEN 'Hello, ' || bench.body(3 + floor(random() * 6)::int) || ' Kind regards'
                WHEN 'TYPE_REVIEW' THEN bench.body(1 + floor(random() * 3)::int)
                ELSE bench.body(1 + floor(random() * 2)::int) END
$$;
-- The location's n-th contact phone: unique per location, valid North American numbers.
CREATE OR REPLACE FUNCTION bench.phone(n int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '+1' || (201 + n % 700)::text || (2000000 + n / 700)::text
$$;
`;

/** Location, team, contacts and conversations (with their newest message) of one location. */
export function peopleSql(p: LocationPlan): string[] {
  const L = `(SELECT id FROM locations WHERE name = ${lit(p.name)})`;
  return [
    `INSERT INTO locations (name, timezone, country) VALUES (${lit(p.name)}, 'America/New_York', 'US')`,
    // $1: the argon2id hash of the bench password (the same for every bench user).
    `INSERT INTO users (email, name, password_hash)
     SELECT CASE WHEN j = 1 THEN 'bench-admin-${p.ordinal}@bench.test' ELSE 'bench-agent-${p.ordinal}-' || j || '@bench.test' END,
            bench.pick(${arr(FIRST_NAMES)}) || ' ' || bench.pick(${arr(LAST_NAMES)}), $1
       FROM generate_series(1, ${p.users}) j`,
    `INSERT INTO memberships (location_id, user_id, role)
     SELECT ${L}, id, CASE WHEN email LIKE 'bench-admin-%' THEN 'admin' ELSE 'user' END FROM users
      WHERE email LIKE 'bench-admin-${p.ordinal}@bench.test' OR email LIKE 'bench-agent-${p.ordinal}-%'`,
    `INSERT INTO contacts (location_id, first_name, last_name, phone, email, source, created_at)
     SELECT ${L}, f, l, bench.phone(n), CASE WHEN random() < 0.6 THEN lower(f || '.' || l || n) || '@example.com' END,
            bench.pick(ARRAY['sms','website','facebook','instagram','walk-in']), now() - random() * interval '700 days'
       FROM (SELECT n, bench.pick(${arr(FIRST_NAMES)}) AS f, bench.pick(${arr(LAST_NAMES)}) AS l
               FROM generate_series(0, ${p.contacts - 1}) n) x`,
    // One row per conversation with its ordinal and its newest message, decided up front.
    `CREATE UNLOGGED TABLE bench.conv_${p.ordinal} AS
     SELECT n, conv_id, contact_id, phone, last_at, msg_id, t, dir, bench.body_for(t) AS body, assignee
       FROM (SELECT row_number() OVER (ORDER BY c.created_at, c.id)::int AS n, gen_random_uuid() AS conv_id, c.id AS contact_id,
                    c.phone, now() - (random() ^ 2) * interval '365 days' AS last_at, gen_random_uuid() AS msg_id,
                    bench.channel(random() * 0.98) AS t, CASE WHEN random() < 0.6 THEN 'inbound' ELSE 'outbound' END AS dir,
                    CASE WHEN random() < 0.6 THEN (SELECT array_agg(user_id) FROM memberships WHERE location_id = c.location_id)[1 + floor(random() * ${p.users})::int] END AS assignee
               FROM contacts c WHERE c.location_id = ${L}) x`,
    `CREATE UNIQUE INDEX ON bench.conv_${p.ordinal} (n)`,
    `INSERT INTO conversations (location_id, id, contact_id, last_message_id, last_message_type, last_message_direction,
                                last_message_body, last_message_at, last_inbound_at, last_inbound_type, unread_count, starred,
                                assigned_to, state, channels, created_at, updated_at)
     SELECT ${L}, conv_id, contact_id, msg_id, t, dir, left(regexp_replace(coalesce(body, ''), '\\s+', ' ', 'g'), 200), last_at,
            CASE WHEN dir = 'inbound' THEN last_at ELSE last_at - interval '1 hour' END, CASE WHEN dir = 'inbound' THEN t ELSE 'TYPE_SMS' END,
            CASE WHEN dir = 'inbound' AND r < 0.3 THEN 1 + floor(random() * 3)::int ELSE 0 END, random() < 0.03, assignee,
            CASE WHEN NOT (dir = 'inbound' AND r < 0.3) AND random() < 0.35 THEN 'closed' ELSE 'open' END, ARRAY[t], last_at - interval '30 days', last_at
       FROM (SELECT *, random() AS r FROM bench.conv_${p.ordinal}) x`,
  ];
}

const MESSAGE_COLUMNS = `location_id, id, conversation_id, contact_id, message_type, direction, status, body, channel, meta,
                         provider, provider_message_id, user_id, created_at, updated_at`;

/** One message row from a conversation row m (bench.conv_N) and values t, dir, body, at, id. */
function messageRow(L: string, ordinal: number): string {
  return `${L}, id, conv_id, contact_id, t, dir,
     CASE WHEN t = 'TYPE_CALL' THEN (CASE WHEN dir = 'inbound' THEN bench.pick(ARRAY['completed','completed','voicemail','no-answer']) ELSE 'completed' END)
          WHEN t = 'TYPE_INTERNAL_COMMENT' THEN 'delivered' WHEN dir = 'inbound' THEN 'received' ELSE 'delivered' END,
     body,
     CASE WHEN t IN ('TYPE_SMS','TYPE_CALL','TYPE_WHATSAPP') THEN jsonb_build_object('from', CASE WHEN dir = 'inbound' THEN phone ELSE '+12125550100' END, 'to', CASE WHEN dir = 'inbound' THEN '+12125550100' ELSE phone END)
          WHEN t = 'TYPE_EMAIL' THEN jsonb_build_object('subject', 'Your visit', 'to', jsonb_build_array('client@example.com'), 'cc', '[]'::jsonb)
          ELSE '{}'::jsonb END,
     CASE WHEN t = 'TYPE_CALL' THEN jsonb_build_object('duration', floor(random() * 600)::int) ELSE '{}'::jsonb END,
     CASE WHEN t = 'TYPE_SMS' THEN 'twilio' END, CASE WHEN t = 'TYPE_SMS' THEN (CASE WHEN dir = 'inbound' THEN 'SM' ELSE 'SM' END) || md5(id::text) END,
     CASE WHEN dir = 'outbound' OR t = 'TYPE_INTERNAL_COMMENT' THEN (SELECT user_id FROM memberships WHERE location_id = ${L} ORDER BY user_id LIMIT 1 OFFSET ${ordinal} % 3) END,
     at, at`;
}

/**
 * The location's messages as statements that can run in parallel: the newest message of every
 * conversation, the long thread of conversation 1 (exactly bigThread items), and the rest spread
 * over the other conversations with a skew (a few busy threads, many short ones), in chunks.
 */
export function messageSql(p: LocationPlan, chunks: number): string[] {
  const L = `(SELECT id FROM locations WHERE name = ${lit(p.name)})`;
  const conv = `bench.conv_${p.ordinal}`;
  const out = [
    `INSERT INTO messages (${MESSAGE_COLUMNS})
     SELECT ${messageRow(L, p.ordinal)} FROM (SELECT *, msg_id AS id, last_at AS at FROM ${conv}) m`,
  ];
  const big = Math.min(p.bigThread, Math.max(0, p.messages - p.contacts));
  if (big > 0) {
    out.push(`INSERT INTO messages (${MESSAGE_COLUMNS})
     SELECT ${messageRow(L, p.ordinal)} FROM (
       SELECT c.conv_id, c.contact_id, c.phone, gen_random_uuid() AS id, x.t, x.dir, bench.body_for(x.t) AS body,
              c.last_at - (i * interval '90 minutes') AS at
         FROM ${conv} c, generate_series(1, ${big - 1}) i,
              LATERAL (SELECT bench.channel(random()) AS t, CASE WHEN random() < 0.55 THEN 'inbound' ELSE 'outbound' END AS dir WHERE i > 0) x
        WHERE c.n = 1) m`);
  }
  const rest = Math.max(0, p.messages - p.contacts - Math.max(0, big - 1));
  const per = Math.ceil(rest / chunks);
  for (let k = 0; k < chunks; k++) {
    const count = Math.min(per, rest - k * per);
    if (count <= 0) break;
    out.push(`INSERT INTO messages (${MESSAGE_COLUMNS})
     SELECT ${messageRow(L, p.ordinal)} FROM (
       SELECT c.conv_id, c.contact_id, c.phone, gen_random_uuid() AS id, x.t, x.dir, bench.body_for(x.t) AS body,
              c.last_at - (interval '1 minute' + random() * interval '200 days') AS at
         FROM (SELECT 2 + floor(${p.contacts - 1} * random() ^ 2)::int AS n, random() AS r FROM generate_series(1, ${count}) i) pick
         JOIN ${conv} c ON c.n = pick.n,
              LATERAL (SELECT bench.channel(pick.r) AS t, CASE WHEN random() < 0.55 THEN 'inbound' ELSE 'outbound' END AS dir WHERE pick.n > 0) x) m`);
  }
  return out;
}

/** After the messages: the channels each conversation used, then the helper table goes. */
export function finishSql(p: LocationPlan): string[] {
  const L = `(SELECT id FROM locations WHERE name = ${lit(p.name)})`;
  return [
    `UPDATE conversations c SET channels = u.channels FROM (
       SELECT conversation_id, array_agg(DISTINCT message_type ORDER BY message_type) AS channels FROM messages
        WHERE location_id = ${L} AND message_type NOT LIKE 'TYPE_ACTIVITY%' AND message_type <> 'TYPE_INTERNAL_COMMENT'
        GROUP BY conversation_id) u
      WHERE c.location_id = ${L} AND c.id = u.conversation_id AND c.channels IS DISTINCT FROM u.channels`,
    `DROP TABLE bench.conv_${p.ordinal}`,
  ];
}
