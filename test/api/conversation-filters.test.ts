/**
 * Issue 6, filtering and sorting: every filter of GET /api/v1/conversations alone and combined
 * (checked against a model of the rows), the date range bounds, mentions of me, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createLocation, createUser } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let api: ApiClient;
let me: string;
let other: string;
let loc: string;
const base = Date.parse('2026-03-10T12:00:00.000Z');
const at = (hours: number) => new Date(base - hours * 3_600_000);

interface Row {
  id: string;
  lastMessageAt: string;
  lastMessage: { messageType: string; direction: string } | null;
  unreadCount: number;
  starred: boolean;
  state: string;
  assignedTo: string | null;
}
let rows: Row[] = [];
const mentioned = new Set<string>();

beforeAll(async () => {
  server = await startTestServer();
  loc = await createLocation(server.pool, 'Filter clinic');
  const u = await createUser(server.pool, 'filter-admin@test.local', 'Fay Filter', [[loc, 'admin']]);
  const o = await createUser(server.pool, 'filter-user@test.local', 'Otto Other', [[loc, 'user']]);
  me = u.id;
  other = o.id;
  api = await ApiClient.signedIn(server.url, u);
  // 24 conversations covering every combination of channel, direction, star, state, assignee.
  const types = ['TYPE_SMS', 'TYPE_EMAIL', 'TYPE_WHATSAPP'];
  for (let i = 0; i < 24; i++) {
    const c = await newContact(api, { firstName: `F${i}` });
    const { message } = await deliver(server.pool, {
      locationId: loc,
      contactId: c.id,
      createdAt: at(i * 5),
      messageType: types[i % 3] as 'TYPE_SMS',
      direction: i % 4 < 2 ? 'inbound' : 'outbound',
    });
    const id = message.conversationId;
    const patch: Record<string, unknown> = {};
    if (i % 5 === 0) patch.starred = true;
    if (i % 7 === 3) patch.state = 'closed';
    if (i % 3 === 1) patch.assignedTo = me;
    if (i % 6 === 2) patch.assignedTo = other;
    if (i % 8 === 0) patch.read = true;
    if (Object.keys(patch).length) expect((await api.patch(`/api/v1/conversations/${id}`, patch)).status).toBe(200);
    if (i % 4 === 1) {
      expect((await api.post(`/api/v1/conversations/${id}/comments`, { body: `@[Fay Filter](${me}) look` })).status).toBe(201);
      mentioned.add(id);
    }
    if (i % 9 === 4) await api.post(`/api/v1/conversations/${id}/comments`, { body: `@[Otto Other](${other}) yours` });
  }
  rows = (await api.get('/api/v1/conversations?limit=100')).body.items;
  expect(rows).toHaveLength(24);
});
afterAll(() => server.stop());

/** Every page of a query, with a small page size so that cursors are exercised too. */
async function all(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: any = await api.get(`/api/v1/conversations?limit=4${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(typeof res.body.snapshot).toBe('string');
    ids.push(...res.body.items.map((c: Row) => c.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

type Filter = [string, (r: Row) => boolean];
const FILTERS = (): Filter[][] => [
  [
    ['status=unread', (r) => r.unreadCount > 0],
    ['status=starred', (r) => r.starred],
    ['status=recents', (r) => r.state === 'open'],
  ],
  [
    ['assignedTo=me', (r) => r.assignedTo === me],
    ['assignedTo=unassigned', (r) => r.assignedTo === null],
    [`assignedTo=${other}`, (r) => r.assignedTo === other],
  ],
  [
    ['channel=TYPE_EMAIL', (r) => r.lastMessage?.messageType === 'TYPE_EMAIL'],
    ['channel=TYPE_SMS', (r) => r.lastMessage?.messageType === 'TYPE_SMS'],
  ],
  [
    ['direction=inbound', (r) => r.lastMessage?.direction === 'inbound'],
    ['direction=outbound', (r) => r.lastMessage?.direction === 'outbound'],
  ],
  [
    ['state=closed', (r) => r.state === 'closed'],
    ['state=open', (r) => r.state === 'open'],
  ],
  [
    [`dateFrom=${at(50).toISOString()}`, (r) => Date.parse(r.lastMessageAt) >= +at(50)],
    [`dateTo=${at(50).toISOString()}`, (r) => Date.parse(r.lastMessageAt) < +at(50)],
    [`dateFrom=${at(80).toISOString()}&dateTo=${at(20).toISOString()}`, (r) => Date.parse(r.lastMessageAt) >= +at(80) && Date.parse(r.lastMessageAt) < +at(20)],
  ],
  [['mentions=me', (r) => mentioned.has(r.id)]],
];

function expected(filters: Filter[], sort: 'desc' | 'asc'): string[] {
  const ids = rows.filter((r) => filters.every(([, f]) => f(r))).map((r) => r.id);
  return sort === 'desc' ? ids : ids.reverse();
}

describe('conversation filters', () => {
  it('applies each filter alone, newest and oldest first', async () => {
    for (const group of FILTERS()) {
      for (const f of group) {
        const want = expected([f], 'desc');
        expect(want.length, `${f[0]} selects something`).toBeGreaterThan(0);
        expect(want.length, `${f[0]} leaves something out`).toBeLessThan(rows.length);
        expect(await all(f[0]), f[0]).toEqual(want);
        expect(await all(`${f[0]}&sort=asc`), `${f[0]} asc`).toEqual(expected([f], 'asc'));
      }
    }
  });

  it('combines any two filters, and several at once', async () => {
    const groups = FILTERS();
    let nonEmpty = 0;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        for (const fa of groups[a]) {
          for (const fb of groups[b]) {
            const q = `${fa[0]}&${fb[0]}`;
            const want = expected([fa, fb], 'desc');
            if (want.length) nonEmpty++;
            expect(await all(q), q).toEqual(want);
          }
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(40);
    const many: Filter[] = [FILTERS()[0][2], FILTERS()[1][1], FILTERS()[3][0], FILTERS()[5][0]];
    const q = many.map((f) => f[0]).join('&');
    expect(expected(many, 'desc').length).toBeGreaterThan(0);
    expect(await all(q)).toEqual(expected(many, 'desc'));
    expect(await all(`${q}&sort=asc`)).toEqual(expected(many, 'asc'));
  });

  it('counts dateFrom in and dateTo out, so consecutive ranges never overlap', async () => {
    const edge = rows[5].lastMessageAt;
    const from = await all(`dateFrom=${edge}`);
    const to = await all(`dateTo=${edge}`);
    expect(from).toContain(rows[5].id);
    expect(to).not.toContain(rows[5].id);
    expect([...to, ...from].sort()).toEqual(rows.map((r) => r.id).sort());
    // Any offset names the same instant.
    const shifted = new Date(Date.parse(edge)).toISOString().replace('Z', '+00:00');
    expect(await all(`dateFrom=${encodeURIComponent(shifted)}`)).toEqual(from);
  });

  it('lists the conversations whose comments mention me, newest mention kept once', async () => {
    const id = rows.find((r) => !mentioned.has(r.id))!.id;
    for (let i = 0; i < 2; i++) await api.post(`/api/v1/conversations/${id}/comments`, { body: `again @[Fay Filter](${me})` });
    const ids = await all('mentions=me');
    expect(ids.filter((x) => x === id)).toHaveLength(1);
    mentioned.add(id);
    expect(ids.sort()).toEqual([...mentioned].sort());
    const stored = await server.pool.query('SELECT count(*)::int AS n FROM conversation_mentions WHERE location_id = $1 AND user_id = $2', [loc, me]);
    expect(stored.rows[0].n).toBe(mentioned.size);
  });

  it('refuses bad values with the field named, and "me" filters for API keys', async () => {
    const bad = await api.get('/api/v1/conversations?dateFrom=yesterday&mentions=you&sort=up');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: any) => f.field).sort()).toEqual(['querystring.dateFrom', 'querystring.mentions', 'querystring.sort']);
    const forged = Buffer.from(JSON.stringify(['2026-01-01 00:00:00+00', rows[0].id, 'drop table'])).toString('base64url');
    const cur = await api.get(`/api/v1/conversations?cursor=${forged}`);
    expect(cur.status).toBe(400);
    expect(cur.body.error.code).toBe('invalid_cursor');
    const key = (await api.post('/api/v1/api-keys', { name: 'Zap' })).body.key;
    const bot = ApiClient.withKey(server.url, key);
    expect((await bot.get('/api/v1/conversations?mentions=me')).body.error.code).toBe('user_required');
    expect((await bot.get('/api/v1/conversations?assignedTo=unassigned&channel=TYPE_SMS')).status).toBe(200);
  });

  it('answers every common combination from an index, one statement per page', async () => {
    // Enough rows for the planner to prefer indexes, then the plans of the list's statements.
    await server.pool.query(
      `WITH ct AS (
         INSERT INTO contacts (location_id, first_name, phone)
         SELECT $1, 'Bulk', '+1999' || lpad(g::text, 7, '0') FROM generate_series(1, 20000) g RETURNING id
       )
       INSERT INTO conversations (location_id, contact_id, last_message_at, last_message_type, last_message_direction, unread_count, starred, state)
       SELECT $1, id, now() - random() * interval '300 days', (ARRAY['TYPE_SMS','TYPE_EMAIL','TYPE_WHATSAPP','TYPE_CALL','TYPE_FACEBOOK'])[1 + (random() * 4)::int],
              CASE WHEN random() < 0.5 THEN 'inbound' ELSE 'outbound' END, (random() < 0.1)::int, random() < 0.03,
              CASE WHEN random() < 0.3 THEN 'closed' ELSE 'open' END
         FROM ct`,
      [loc],
    );
    await server.pool.query('ANALYZE conversations; ANALYZE conversation_mentions; ANALYZE contacts');
    const { listConversations } = await import('../../src/server/conversations/list');
    const plans: string[] = [];
    const spy = {
      query: async (text: string, values: unknown[]) => {
        const plan = await server.pool.query(`EXPLAIN ${text}`, values);
        plans.push(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n'));
        return server.pool.query(text, values);
      },
    };
    const combos: Record<string, unknown>[] = [
      {},
      { status: 'unread' },
      { status: 'recents', assignedTo: 'me' },
      { status: 'unread', assignedTo: 'unassigned' },
      { status: 'starred', sort: 'asc' },
      { status: 'all', channel: 'TYPE_EMAIL' },
      { status: 'recents', direction: 'inbound' },
      { status: 'all', state: 'closed' },
      { status: 'all', dateFrom: new Date(Date.now() - 7 * 86_400_000).toISOString() },
      { status: 'unread', channel: 'TYPE_SMS', direction: 'inbound' },
      { status: 'all', mentions: 'me' },
    ];
    for (const c of combos) {
      const first = await listConversations(spy as any, loc, me, { status: 'all', sort: 'desc', limit: 25, ...c } as any);
      if (first.nextCursor) await listConversations(spy as any, loc, me, { status: 'all', sort: 'desc', limit: 25, ...c, cursor: first.nextCursor } as any);
    }
    if (process.env.SHOW_PLANS) console.log(plans.join('\n\n'));
    for (const plan of plans) {
      expect(plan, plan).not.toMatch(/Seq Scan on conversations/);
      expect(plan, plan).toMatch(/(Index (Only )?Scan (Backward )?using|Bitmap Index Scan on) conversations?_\w+/);
    }
  }, 120_000); // 20,000 conversations to plan against: slow on a busy two-core machine
});
