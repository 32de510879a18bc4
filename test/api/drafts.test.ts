/** Drafts: the composer's text per team member and conversation, on the server, cleared on send. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { deliver, newContact } from '../helpers/data';
import type { Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let staff: ApiClient;
let other: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin, staff, stranger: other } = await standardServer());
});
afterAll(() => server.stop());

async function chat() {
  const contact = await newContact(admin);
  const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: contact.id, messageType: 'TYPE_LIVE_CHAT' });
  return message.conversationId;
}

describe('drafts', () => {
  it('keeps a draft per user and conversation, on any device (session)', async () => {
    const id = await chat();
    expect((await admin.get(`/api/v1/conversations/${id}/draft`)).body).toEqual({ conversationId: id, body: '', subject: null, updatedAt: null });
    const saved = await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'Hi {{contact.first_name}}, about your' });
    expect(saved.status).toBe(200);
    expect(saved.body.updatedAt).toEqual(expect.any(String));
    await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'Hi {{contact.first_name}}, about your visit', subject: 'Your visit' });

    // Another device of the same user (a new session) finds it; another team member has their own.
    const laptop = await ApiClient.signedIn(server.url, fx.admin);
    expect((await laptop.get(`/api/v1/conversations/${id}/draft`)).body).toMatchObject({ body: 'Hi {{contact.first_name}}, about your visit', subject: 'Your visit' });
    expect((await staff.get(`/api/v1/conversations/${id}/draft`)).body.updatedAt).toBeNull();
    await staff.put(`/api/v1/conversations/${id}/draft`, { body: 'staff note' });
    expect((await admin.get(`/api/v1/conversations/${id}/draft`)).body.body).toBe('Hi {{contact.first_name}}, about your visit');
  });

  it('deletes a draft saved empty or deleted, and clears it when the reply is sent', async () => {
    const id = await chat();
    await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'something' });
    expect((await admin.put(`/api/v1/conversations/${id}/draft`, { body: '   ' })).body.updatedAt).toBeNull();
    const count = async () => (await server.pool.query('SELECT count(*)::int AS n FROM drafts WHERE conversation_id = $1', [id])).rows[0].n;
    expect(await count()).toBe(0);

    await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'to delete' });
    expect((await admin.delete(`/api/v1/conversations/${id}/draft`)).status).toBe(200);
    expect(await count()).toBe(0);

    await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'Thanks!' });
    await staff.put(`/api/v1/conversations/${id}/draft`, { body: 'mine stays' });
    expect((await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Thanks!' })).status).toBe(201);
    expect((await admin.get(`/api/v1/conversations/${id}/draft`)).body.updatedAt).toBeNull();
    expect((await staff.get(`/api/v1/conversations/${id}/draft`)).body.body).toBe('mine stays');
    // A refused send keeps the draft.
    await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'Hi {{contact.nope}}' });
    expect((await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Hi {{contact.nope}}' })).status).toBe(422);
    expect((await admin.get(`/api/v1/conversations/${id}/draft`)).body.body).toBe('Hi {{contact.nope}}');
  });

  it("answers 404 for another location's conversation and an unknown one; API keys have no drafts", async () => {
    const id = await chat();
    await admin.put(`/api/v1/conversations/${id}/draft`, { body: 'private' });
    expect((await other.get(`/api/v1/conversations/${id}/draft`)).status).toBe(404);
    expect((await other.put(`/api/v1/conversations/${id}/draft`, { body: 'x' })).status).toBe(404);
    expect((await other.delete(`/api/v1/conversations/${id}/draft`)).status).toBe(404);
    expect((await admin.get('/api/v1/conversations/00000000-0000-4000-8000-000000000000/draft')).status).toBe(404);
    const key = await admin.post('/api/v1/api-keys', { name: 'drafts test' });
    expect(key.status).toBe(201);
    const bot = ApiClient.withKey(server.url, key.body.key);
    expect((await bot.get(`/api/v1/conversations/${id}/draft`)).status).toBe(403);
    expect((await admin.get(`/api/v1/conversations/${id}/draft`)).body.body).toBe('private');
  });
});
