/**
 * Issue 6: the conversation list while the inbox is busy — pagination with messages arriving
 * between pages, tab counts kept by the database against a recount after a burst of concurrent
 * changes, and the read state preference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Frame } from '../helpers/client';
import { createLocation, createUser } from '../helpers/fixtures';
import { deliver } from '../helpers/data';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const seqOf = (cursor: string) => Number(cursor.split('.')[0]);
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Contacts straight in the table (fast); their conversations come from recordMessage. */
async function contacts(loc: string, n: number, tag: string): Promise<string[]> {
  const r = await server.pool.query(
    `INSERT INTO contacts (location_id, first_name, last_name, phone)
     SELECT $1, $2, g::text, '+1555' || lpad((g + $4)::text, 7, '0') FROM generate_series(1, $3) g RETURNING id`,
    [loc, tag, n, Math.floor(Math.random() * 1_000_000) * 10],
  );
  return r.rows.map((x) => x.id);
}

describe('pagination while messages arrive', () => {
  for (const sort of ['desc', 'asc'] as const) {
    it(`lists every conversation exactly once, in the pages or as a live event (${sort})`, async () => {
      const loc = await createLocation(server.pool, `Paging ${sort}`);
      const user = await createUser(server.pool, `pager-${sort}@test.local`, 'Pat Pager', [[loc, 'admin']]);
      const api = await ApiClient.signedIn(server.url, user);
      const contactIds = await contacts(loc, 320, 'Page');
      const byContact = new Map<string, string>();
      for (let i = 0; i < contactIds.length; i++) {
        const { message } = await deliver(server.pool, { locationId: loc, contactId: contactIds[i], createdAt: new Date(Date.now() - (i + 10) * 60_000) });
        byContact.set(contactIds[i], message.conversationId);
      }
      const conversationOf = new Map([...byContact].map(([c, v]) => [v, c]));
      const atStart = new Set((await server.pool.query('SELECT id FROM conversations WHERE location_id = $1', [loc])).rows.map((r) => r.id));
      expect(atStart.size).toBe(320);

      // Writers: inbound messages and replies bump conversations, new contacts write in, some contacts go.
      let writing = true;
      let writes = 0;
      const deleted = new Set<string>();
      const writer = async () => {
        while (writing) {
          const roll = Math.random();
          if (roll < 0.1) {
            const [c] = await contacts(loc, 1, 'New');
            await deliver(server.pool, { locationId: loc, contactId: c });
          } else if (roll < 0.13) {
            const id = pick([...atStart].filter((x) => !deleted.has(x)));
            deleted.add(id);
            await api.delete(`/api/v1/contacts/${conversationOf.get(id)}`);
          } else {
            const id = pick([...atStart].filter((x) => !deleted.has(x)));
            await deliver(server.pool, { locationId: loc, contactId: conversationOf.get(id)!, direction: roll < 0.5 ? 'outbound' : 'inbound', userId: roll < 0.5 ? user.id : null });
          }
          writes++;
        }
      };
      const writers = [writer(), writer(), writer()];

      const pages: { id: string; lastMessageAt: string }[][] = [];
      let socket: Awaited<ReturnType<ApiClient['socket']>> | undefined;
      let snapshot = '';
      let cursor: string | null = null;
      do {
        const res: any = await api.get(`/api/v1/conversations?limit=25&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        if (!socket) {
          snapshot = res.body.snapshot;
          socket = await api.socket(`?since=${snapshot}`);
        }
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
        // Make sure both hard cases happen between pages: a row not listed yet moves, and a listed one.
        const listed = new Set(pages.flat().map((c) => c.id));
        const later = [...atStart].filter((x) => !listed.has(x) && !deleted.has(x));
        if (later.length) await deliver(server.pool, { locationId: loc, contactId: conversationOf.get(pick(later))! });
        await deliver(server.pool, { locationId: loc, contactId: conversationOf.get(pick([...listed].filter((x) => !deleted.has(x))))! });
        await sleep(5);
      } while (cursor);
      writing = false;
      await Promise.all(writers);
      expect(writes).toBeGreaterThan(20);

      // Every event up to now reaches the socket that resumed from the first page's snapshot.
      const head = seqOf((await api.get('/api/v1/conversations?limit=1')).body.snapshot);
      await socket!.waitFor((f) => f.some((x) => x.cursor && seqOf(x.cursor) >= head), 10_000, 'events up to the head');
      const events = socket!.events().filter((e: Frame) => e.type.startsWith('conversation.'));
      expect(seqOf(events[0].cursor)).toBeGreaterThan(seqOf(snapshot));
      await socket!.close();

      const listed = pages.flat();
      const ids = listed.map((c) => c.id);
      expect(new Set(ids).size, 'no conversation is listed twice').toBe(ids.length);
      const live = new Set(events.map((e: Frame) => e.data.id as string));
      const lost = [...atStart].filter((id) => !ids.includes(id) && !live.has(id));
      expect(lost, 'conversations neither listed nor delivered live').toEqual([]);
      // The pages are one consistent order: what they list kept its place since the first page.
      const times = listed.map((c) => Date.parse(c.lastMessageAt));
      for (let i = 1; i < times.length; i++) expect(sort === 'desc' ? times[i] <= times[i - 1] : times[i] >= times[i - 1]).toBe(true);
      // The hard case did happen: conversations that moved while paging came only as events.
      const movedOnly = [...atStart].filter((id) => !ids.includes(id) && live.has(id) && !deleted.has(id));
      expect(movedOnly.length).toBeGreaterThan(5);
    });
  }
});

describe('tab counts', () => {
  it('equal a recount after a burst of concurrent changes, and reach every socket live', async () => {
    const loc = await createLocation(server.pool, 'Counting clinic');
    const admin = await createUser(server.pool, 'count-admin@test.local', 'Cora Count', [[loc, 'admin']]);
    const staff = await createUser(server.pool, 'count-staff@test.local', 'Stan Staff', [[loc, 'user']]);
    const temp = await createUser(server.pool, 'count-temp@test.local', 'Tim Temp', [[loc, 'user']]);
    const api = await ApiClient.signedIn(server.url, admin);
    const watcher = await ApiClient.signedIn(server.url, staff);
    const socket = await watcher.socket();
    await socket.ready();
    const ids = await contacts(loc, 40, 'Count');
    const conv: string[] = [];
    for (const c of ids) conv.push((await deliver(server.pool, { locationId: loc, contactId: c })).message.conversationId);

    const assignees = [admin.id, staff.id, temp.id, null];
    const ops: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 240; i++) {
      const id = pick(conv);
      // The first four contacts are deleted during the burst: messages go to the others.
      const contact = ids[Math.max(4, conv.indexOf(id))];
      ops.push(
        pick([
          () => deliver(server.pool, { locationId: loc, contactId: contact }),
          () => deliver(server.pool, { locationId: loc, contactId: contact, direction: 'outbound', userId: admin.id }),
          () => contacts(loc, 1, 'Burst').then(([c]) => deliver(server.pool, { locationId: loc, contactId: c })),
          () => api.patch(`/api/v1/conversations/${id}`, { read: Math.random() < 0.5 }),
          () => api.patch(`/api/v1/conversations/${id}`, { starred: Math.random() < 0.5 }),
          () => api.patch(`/api/v1/conversations/${id}`, { state: pick(['open', 'closed']) }),
          () => api.patch(`/api/v1/conversations/${id}`, { assignedTo: pick(assignees), starred: true, read: false }),
          () => api.patch(`/api/v1/conversations/${id}`, { assignedTo: pick(assignees) }),
        ]),
      );
    }
    for (let i = 0; i < 4; i++) ops.push(() => api.delete(`/api/v1/contacts/${ids[i]}`));
    ops.push(() => api.delete(`/api/v1/users/${temp.id}`)); // their conversations become unassigned
    const results = await Promise.all(ops.sort(() => Math.random() - 0.5).map((op) => op()));
    for (const r of results) if (r && typeof r === 'object' && 'status' in r) expect([200, 404, 422]).toContain((r as { status: number }).status);

    const recount = await server.pool.query(
      `SELECT coalesce(assigned_to::text, 'unassigned') AS a, count(*) FILTER (WHERE unread_count > 0)::int AS unread,
              count(*) FILTER (WHERE state = 'open')::int AS recents, count(*) FILTER (WHERE starred)::int AS starred, count(*)::int AS all
         FROM conversations WHERE location_id = $1 GROUP BY 1`,
      [loc],
    );
    const want = { unread: 0, recents: 0, starred: 0, all: 0 };
    const wantBy: Record<string, typeof want> = {};
    for (const r of recount.rows) {
      wantBy[r.a] = { unread: r.unread, recents: r.recents, starred: r.starred, all: r.all };
      for (const k of Object.keys(want) as (keyof typeof want)[]) want[k] += r[k];
    }
    expect(want.all).toBeGreaterThan(40);
    const counts = (await api.get('/api/v1/conversations/counts')).body;
    expect(counts).toMatchObject(want);
    expect(counts.assignees).toEqual(wantBy);
    expect(wantBy[temp.id]).toBeUndefined();

    // One more change, then the last counts.updated every socket got is the current state.
    await api.patch(`/api/v1/conversations/${conv[10]}`, { read: false });
    const after = (await api.get('/api/v1/conversations/counts')).body;
    await socket.waitFor((f) => {
      const last = f.filter((x) => x.type === 'counts.updated').at(-1);
      try {
        expect(last?.data).toEqual(after);
        return true;
      } catch {
        return false;
      }
    }, 5000, 'the current counts');
    await socket.close();
  });

  it('sends counts.updated only when a count changed', async () => {
    const loc = await createLocation(server.pool, 'Quiet counts');
    const admin = await createUser(server.pool, 'quiet-admin@test.local', 'Quinn Quiet', [[loc, 'admin']]);
    const api = await ApiClient.signedIn(server.url, admin);
    const [c] = await contacts(loc, 1, 'Quiet');
    const { message } = await deliver(server.pool, { locationId: loc, contactId: c });
    const socket = await api.socket();
    await socket.ready();
    await deliver(server.pool, { locationId: loc, contactId: c }); // already unread: counts unchanged
    await api.patch(`/api/v1/conversations/${message.conversationId}`, { starred: true });
    await socket.waitFor((f) => f.some((x) => x.type === 'counts.updated'));
    const types = socket.events().map((e) => e.type);
    expect(types.filter((t) => t === 'counts.updated')).toHaveLength(1);
    expect(types.indexOf('counts.updated')).toBeGreaterThan(types.lastIndexOf('conversation.updated'));
    expect(socket.events().at(-1)!.data).toMatchObject({ unread: 1, recents: 1, starred: 1, all: 1, assignees: { unassigned: { starred: 1 } } });
    await socket.close();
  });

  it('count only their own conversations for an "only assigned" member', async () => {
    const loc = await createLocation(server.pool, 'Own counts');
    const admin = await createUser(server.pool, 'own-admin@test.local', 'Olive Own', [[loc, 'admin']]);
    const staff = await createUser(server.pool, 'own-staff@test.local', 'Owen Own', [[loc, 'user']]);
    await server.pool.query(`UPDATE memberships SET permissions = '{"onlyAssigned": true}' WHERE location_id = $1 AND user_id = $2`, [loc, staff.id]);
    const api = await ApiClient.signedIn(server.url, admin);
    const own = await ApiClient.signedIn(server.url, staff);
    const cs = await contacts(loc, 3, 'Own');
    const convs = [];
    for (const c of cs) convs.push((await deliver(server.pool, { locationId: loc, contactId: c })).message.conversationId);
    await api.patch(`/api/v1/conversations/${convs[0]}`, { assignedTo: staff.id });
    expect((await api.get('/api/v1/conversations/counts')).body).toMatchObject({ unread: 3, all: 3 });
    const mine = (await own.get('/api/v1/conversations/counts')).body;
    expect(mine).toEqual({ unread: 1, recents: 1, starred: 0, all: 1, assignees: { [staff.id]: { unread: 1, recents: 1, starred: 0, all: 1 } } });
  });
});

describe('read state', () => {
  let api: ApiClient;
  let loc: string;
  let userId: string;
  beforeAll(async () => {
    loc = await createLocation(server.pool, 'Reading clinic');
    const u = await createUser(server.pool, 'reader@test.local', 'Rea Reader', [[loc, 'admin']]);
    userId = u.id;
    api = await ApiClient.signedIn(server.url, u);
  });

  it('keeps "mark read on open" as a preference of the user, off by default, beside other preferences', async () => {
    expect((await api.get('/api/v1/me/preferences')).body).toEqual({ markReadOnOpen: false });
    const on = await api.patch('/api/v1/me/preferences', { markReadOnOpen: true });
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ markReadOnOpen: true });
    expect((await api.get('/api/v1/me/preferences')).body).toEqual({ markReadOnOpen: true });
    const stored = await server.pool.query('SELECT preferences FROM users WHERE id = $1', [userId]);
    expect(stored.rows[0].preferences).toMatchObject({ markReadOnOpen: true });
    await server.pool.query(`UPDATE users SET preferences = preferences || '{"notifications": {"mention": false}}' WHERE id = $1`, [userId]);
    await api.patch('/api/v1/me/preferences', { markReadOnOpen: false });
    const after = await server.pool.query('SELECT preferences FROM users WHERE id = $1', [userId]);
    expect(after.rows[0].preferences).toMatchObject({ markReadOnOpen: false, notifications: { mention: false } });
    expect((await api.patch('/api/v1/me/preferences', {})).status).toBe(400);
    expect((await api.patch('/api/v1/me/preferences', { markReadOnOpen: 'yes' })).body.error.details.fields[0].field).toBe('body.markReadOnOpen');
    const key = (await api.post('/api/v1/api-keys', { name: 'Bot' })).body.key;
    expect((await ApiClient.withKey(server.url, key).get('/api/v1/me/preferences')).status).toBe(403);
  });

  it('is read after a reply or Mark as read, and the Unread count follows', async () => {
    const [c] = await contacts(loc, 1, 'Read');
    const { message } = await deliver(server.pool, { locationId: loc, contactId: c });
    const id = message.conversationId;
    const unread = async () => (await api.get('/api/v1/conversations/counts')).body.unread;
    expect(await unread()).toBe(1);
    await deliver(server.pool, { locationId: loc, contactId: c, direction: 'outbound', userId });
    expect((await api.get(`/api/v1/conversations/${id}`)).body.unreadCount).toBe(0);
    expect(await unread()).toBe(0);
    await deliver(server.pool, { locationId: loc, contactId: c });
    expect(await unread()).toBe(1);
    expect((await api.patch(`/api/v1/conversations/${id}`, { read: true })).body.unreadCount).toBe(0);
    expect(await unread()).toBe(0);
    // Opening it (reading the thread) changes nothing by itself.
    await deliver(server.pool, { locationId: loc, contactId: c });
    await api.get(`/api/v1/conversations/${id}`);
    await api.get(`/api/v1/conversations/${id}/messages`);
    expect(await unread()).toBe(1);
  });
});
