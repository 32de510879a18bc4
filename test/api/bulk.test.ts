/**
 * Bulk actions (POST /api/v1/conversations/bulk) and deleting a conversation: what was done and
 * what was refused, another location's ids refused and untouched, at most 100 at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let foreignId: string;

async function conversations(n: number, client = admin, locationId = fx.locationId): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await newContact(client);
    ids.push((await deliver(server.pool, { locationId, contactId: c.id, body: `bulk ${i}` })).message.conversationId);
  }
  return ids;
}
const bulk = (body: unknown, client = admin) => client.post('/api/v1/conversations/bulk', body);
const get = async (id: string) => (await admin.get(`/api/v1/conversations/${id}`)).body;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
  const stranger = await ApiClient.signedIn(server.url, fx.stranger);
  [foreignId] = await conversations(1, stranger, fx.otherLocationId);
});
afterAll(() => server.stop());

describe('bulk actions', () => {
  it('applies each action to every conversation of the selection', async () => {
    const ids = await conversations(3);
    const expectAll = async (check: (c: any) => boolean) => expect((await Promise.all(ids.map(get))).every(check)).toBe(true);
    const run = async (action: string, extra = {}) => {
      const res = await bulk({ ids, action, ...extra });
      expect(res.status, action).toBe(200);
      expect([...res.body.done].sort(), action).toEqual([...ids].sort());
      expect(res.body.refused).toEqual([]);
    };
    await expectAll((c) => c.unreadCount === 1);
    await run('read');
    await expectAll((c) => c.unreadCount === 0);
    await run('unread');
    await expectAll((c) => c.unreadCount === 1);
    await run('star');
    await expectAll((c) => c.starred);
    await run('unstar');
    await expectAll((c) => !c.starred);
    await run('close');
    await expectAll((c) => c.state === 'closed');
    await run('reopen');
    await expectAll((c) => c.state === 'open');
    await run('assign', { assignedTo: fx.staff.id });
    await expectAll((c) => c.assignedTo === fx.staff.id);
    await run('assign', { assignedTo: null });
    await expectAll((c) => c.assignedTo === null);
  });

  it('reports refused ids (unknown, another location’s) and never touches them', async () => {
    const ids = await conversations(2);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await bulk({ ids: [ids[0], foreignId, unknown, ids[1], ids[0]], action: 'close' });
    expect(res.status).toBe(200);
    expect([...res.body.done].sort()).toEqual([...ids].sort());
    expect(res.body.refused).toEqual([
      { id: foreignId, code: 'not_found', message: 'Conversation not found.' },
      { id: unknown, code: 'not_found', message: 'Conversation not found.' },
    ]);
    const foreign = await server.pool.query('SELECT state FROM conversations WHERE id = $1', [foreignId]);
    expect(foreign.rows[0].state).toBe('open');
    // Delete too: the other location's conversation survives.
    const del = await bulk({ ids: [foreignId], action: 'delete' });
    expect(del.body).toMatchObject({ done: [], refused: [{ id: foreignId, code: 'not_found' }] });
    expect((await server.pool.query('SELECT 1 FROM conversations WHERE id = $1', [foreignId])).rowCount).toBe(1);
  });

  it('takes at most 100 ids, and validates the action and the assignee', async () => {
    const ids = await conversations(1);
    const many = [...ids, ...Array.from({ length: 99 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)];
    const hundred = await bulk({ ids: many, action: 'star' });
    expect(hundred.status).toBe(200);
    expect(hundred.body.done).toEqual(ids);
    expect(hundred.body.refused).toHaveLength(99);
    const tooMany = await bulk({ ids: [...many, '00000000-0000-4000-8000-999999999999'], action: 'star' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('validation_failed');
    expect(tooMany.body.error.message).toMatch(/ids/);
    expect((await bulk({ ids: [], action: 'star' })).status).toBe(400);
    expect((await bulk({ ids, action: 'archive' })).status).toBe(400);
    expect((await bulk({ ids, action: 'assign' })).status).toBe(400);
    const stranger = await bulk({ ids, action: 'assign', assignedTo: fx.stranger.id });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('invalid_assignee');
    expect((await get(ids[0])).assignedTo).toBeNull();
  });

  it('sends one conversation.updated per conversation it changed', async () => {
    const ids = await conversations(3);
    await bulk({ ids: [ids[0]], action: 'star' });
    const ws = await admin.socket();
    await ws.ready();
    await bulk({ ids, action: 'star' });
    await ws.waitFor((f) => f.filter((x) => x.type === 'conversation.updated').length >= 2);
    await admin.post(`/api/v1/conversations/${ids[0]}/comments`, { body: 'marker' });
    await ws.waitFor((f) => f.some((x) => x.data?.body === 'marker'));
    const updated = ws.events().filter((x) => x.type === 'conversation.updated');
    expect(updated.map((x) => x.data.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(updated.every((x) => x.data.starred)).toBe(true);
    await ws.close();
  });

  it('deletes conversations with their messages and attachments, keeping the contacts', async () => {
    const ids = await conversations(2);
    const form = new FormData();
    form.append('file', new Blob(['notes']), 'notes.txt');
    const att = (await admin.request('POST', '/api/v1/attachments', form)).body.id;
    await server.pool.query(
      `UPDATE attachments SET message_id = (SELECT id FROM messages WHERE conversation_id = $1 LIMIT 1) WHERE id = $2`,
      [ids[0], att],
    );
    const contacts = (await server.pool.query('SELECT contact_id FROM conversations WHERE id = ANY($1)', [ids])).rows.map((r) => r.contact_id);
    const ws = await admin.socket();
    await ws.ready();
    const res = await bulk({ ids, action: 'delete' });
    expect([...res.body.done].sort()).toEqual([...ids].sort());
    await ws.waitFor((f) => f.filter((x) => x.type === 'conversation.deleted').length === 2);
    for (const id of ids) expect((await admin.get(`/api/v1/conversations/${id}`)).status).toBe(404);
    expect((await server.pool.query('SELECT 1 FROM messages WHERE conversation_id = ANY($1)', [ids])).rowCount).toBe(0);
    expect((await server.pool.query('SELECT 1 FROM attachments WHERE id = $1', [att])).rowCount).toBe(0);
    for (const id of contacts) expect((await admin.get(`/api/v1/contacts/${id}`)).status).toBe(200);
    await ws.close();
  });

  it('works with an API key', async () => {
    const key = (await admin.post('/api/v1/api-keys', { name: 'bulk' })).body.key;
    const ids = await conversations(2);
    const res = await bulk({ ids, action: 'close' }, ApiClient.withKey(server.url, key));
    expect(res.status).toBe(200);
    expect(res.body.done).toHaveLength(2);
  });
});

describe('DELETE /conversations/{id}', () => {
  it('deletes one conversation permanently; the contact stays and can start a new one', async () => {
    const [id] = await conversations(1);
    const contactId = (await get(id)).contact.id;
    expect((await admin.delete(`/api/v1/conversations/${id}`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/conversations/${id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/conversations/${id}`)).status).toBe(404);
    const again = await admin.post('/api/v1/conversations', { contactId });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
  });

  it('answers 404 for another location’s conversation', async () => {
    expect((await admin.delete(`/api/v1/conversations/${foreignId}`)).status).toBe(404);
    expect((await server.pool.query('SELECT 1 FROM conversations WHERE id = $1', [foreignId])).rowCount).toBe(1);
  });
});
