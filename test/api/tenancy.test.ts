import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

/**
 * Every kind of record of location A, seen from location B (a session and an API key): 404 on
 * every route, absent from every list.
 */
let server: TestServer;
let fx: Fixture;
let owner: ApiClient;
const outsiders: [string, ApiClient][] = [];
const rec: Record<string, string> = {};

beforeAll(async () => {
  ({ server, fx, admin: owner } = await standardServer());
  const contact = await newContact(owner, { email: 'private@example.com' });
  rec.contact = contact.id;
  const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: contact.id, body: 'secret of A' });
  rec.conversation = message.conversationId;
  rec.message = message.id;
  // A second conversation, so A's list has a next page (and a cursor to abuse).
  const second = await newContact(owner);
  await deliver(server.pool, { locationId: fx.locationId, contactId: second.id, body: 'second of A' });
  const att = new FormData();
  att.append('file', new Blob(['hello']), 'a.txt');
  rec.attachment = (await owner.request('POST', '/api/v1/attachments', att)).body.id;
  rec.apiKey = (await owner.post('/api/v1/api-keys', { name: 'A key' })).body.id;

  const session = await ApiClient.signedIn(server.url, fx.stranger);
  const key = (await session.post('/api/v1/api-keys', { name: 'B key' })).body.key;
  outsiders.push(['session of B', session], ['API key of B', ApiClient.withKey(server.url, key)]);
  // B has records of its own, so its lists are not empty by accident.
  const bContact = await newContact(session);
  await deliver(server.pool, { locationId: fx.otherLocationId, contactId: bContact.id });
});
afterAll(() => server.stop());


describe('cross-location access', () => {
  const routes = (): [string, string, unknown?][] => [
    ['GET', `/api/v1/contacts/${rec.contact}`],
    ['PATCH', `/api/v1/contacts/${rec.contact}`, { firstName: 'Hacked' }],
    ['DELETE', `/api/v1/contacts/${rec.contact}`],
    ['GET', `/api/v1/conversations/${rec.conversation}`],
    ['PATCH', `/api/v1/conversations/${rec.conversation}`, { starred: true }],
    ['GET', `/api/v1/conversations/${rec.conversation}/messages`],
    ['POST', `/api/v1/conversations/${rec.conversation}/comments`, { body: 'hi' }],
    ['POST', `/api/v1/conversations`, { contactId: rec.contact }],
    ['GET', `/api/v1/attachments/${rec.attachment}/content`],
    ['DELETE', `/api/v1/api-keys/${rec.apiKey}`],
  ];

  it('answers 404 to every route, for a session and an API key of another location', async () => {
    for (const [who, api] of outsiders) {
      for (const [method, path, body] of routes()) {
        if (who.startsWith('API key') && path.includes('/api-keys')) continue; // keys never manage keys (below)
        const res = await api.request(method, path, body);
        expect(res.status, `${who}: ${method} ${path}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
    // …and nothing changed.
    const c = await owner.get(`/api/v1/contacts/${rec.contact}`);
    expect(c.body.firstName).toBe('Client');
    const conv = await owner.get(`/api/v1/conversations/${rec.conversation}`);
    expect(conv.body.starred).toBe(false);
    const msgs = await owner.get(`/api/v1/conversations/${rec.conversation}/messages`);
    expect(msgs.body.items).toHaveLength(1);
    expect((await owner.get('/api/v1/api-keys')).body.items.map((k: any) => k.id)).toContain(rec.apiKey);
  });

  it('never shows A’s records in B’s lists, searches or filters', async () => {
    for (const [who, api] of outsiders) {
      for (const path of [
        '/api/v1/contacts?limit=100',
        '/api/v1/contacts?q=private',
        '/api/v1/conversations?limit=100',
        '/api/v1/conversations?status=unread',
        '/api/v1/conversations?q=Client',
        ...(who.startsWith('API key') ? [] : ['/api/v1/api-keys']),
      ]) {
        const res = await api.get(path);
        expect(res.status, `${who}: ${path}`).toBe(200);
        const text = JSON.stringify(res.body);
        for (const id of Object.values(rec)) expect(text, `${who}: ${path}`).not.toContain(id);
        expect(text).not.toContain('private@example.com');
      }
    }
  });

  it('does not let an API key manage keys, of its own location or another', async () => {
    const [, key] = outsiders[1];
    expect((await key.get('/api/v1/api-keys')).status).toBe(403);
    expect((await key.delete(`/api/v1/api-keys/${rec.apiKey}`)).status).toBe(403);
    expect((await key.post('/api/v1/api-keys', { name: 'more' })).status).toBe(403);
  });

  it('does not let a cursor of A’s list page into A’s rows from B', async () => {
    const page = await owner.get('/api/v1/conversations?limit=1');
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const [, api] = outsiders[0];
    const res = await api.get(`/api/v1/conversations?limit=100&cursor=${encodeURIComponent(page.body.nextCursor ?? '')}`);
    expect(JSON.stringify(res.body)).not.toContain(rec.conversation);
  });
});
