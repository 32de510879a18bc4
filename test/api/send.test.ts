import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let api: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin: api } = await standardServer());
});
afterAll(() => server.stop());

async function conversationWith(messageType: any, minutesAgo = 1, extra: Record<string, unknown> = {}) {
  const c = await newContact(api, extra);
  const { message } = await deliver(server.pool, {
    locationId: fx.locationId,
    contactId: c.id,
    messageType,
    createdAt: new Date(Date.now() - minutesAgo * 60_000),
  });
  return { contact: c, id: message.conversationId };
}

describe('replies', () => {
  it('sends a web chat reply at once, marks the conversation read and tells every socket', async () => {
    const { id } = await conversationWith('TYPE_LIVE_CHAT');
    const ws = await api.socket();
    await ws.ready();
    const res = await api.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Hi! How can we help?' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ messageType: 'TYPE_LIVE_CHAT', direction: 'outbound', status: 'sent', userId: fx.admin.id });
    const conv = (await api.get(`/api/v1/conversations/${id}`)).body;
    expect(conv.unreadCount).toBe(0);
    expect(conv.lastMessage.body).toBe('Hi! How can we help?');
    expect(conv.channels).toEqual(['TYPE_LIVE_CHAT']);
    await ws.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.id === res.body.id));
    await ws.close();
  });

  it('refuses with dnd_active before storing anything, in plain words', async () => {
    const { contact, id } = await conversationWith('TYPE_LIVE_CHAT');
    await api.patch(`/api/v1/contacts/${contact.id}`, { dnd: true });
    const res = await api.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'hello' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'dnd_active', message: 'Cannot send messages as DND is active for all channels.' });
    const { contact: c2, id: id2 } = await conversationWith('TYPE_SMS');
    await api.patch(`/api/v1/contacts/${c2.id}`, { dndSettings: { SMS: { status: 'permanent' } } });
    const sms = await api.post(`/api/v1/conversations/${id2}/messages`, { type: 'SMS', body: 'hello' });
    expect(sms.body.error.message).toBe('Cannot send messages as DND is active for SMS.');
    const n = await server.pool.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ANY($1) AND direction = 'outbound' AND message_type NOT LIKE 'TYPE_ACTIVITY_%'`, [[id, id2]]);
    expect(n.rows[0].n).toBe(0);
  });

  it('refuses WhatsApp, Facebook and Instagram when they are not connected, whatever the window (the window itself: test/unit/send-rules.test.ts)', async () => {
    const open = await conversationWith('TYPE_WHATSAPP', 60);
    const closed = await conversationWith('TYPE_WHATSAPP', 25 * 60);
    const fb = await conversationWith('TYPE_FACEBOOK', 8 * 24 * 60);
    for (const [id, type] of [[open.id, 'WhatsApp'], [closed.id, 'WhatsApp'], [fb.id, 'FB']]) {
      const r = await api.post(`/api/v1/conversations/${id}/messages`, { type, body: 'hi' });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('channel_not_connected');
    }
  });

  it('refuses a provider channel that is not connected, an empty message and a foreign attachment', async () => {
    const { id } = await conversationWith('TYPE_SMS');
    const sms = await api.post(`/api/v1/conversations/${id}/messages`, { type: 'SMS', body: 'hi' });
    expect(sms.status).toBe(422);
    expect(sms.body.error.code).toBe('channel_not_connected');
    expect((await api.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: '  ' })).status).toBe(400);
    expect((await api.post(`/api/v1/conversations/${id}/messages`, { type: 'Pigeon', body: 'x' })).body.error.details.fields[0].field).toBe('body.type');
    const other = await ApiClient.signedIn(server.url, fx.stranger);
    const f = new FormData();
    f.append('file', new Blob(['x']), 'x.txt');
    const foreign = (await other.request('POST', '/api/v1/attachments', f)).body.id;
    const res = await api.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'see file', attachments: [foreign] });
    expect(res.status).toBe(404);
  });

  it('attaches an uploaded file to the reply', async () => {
    const { id } = await conversationWith('TYPE_LIVE_CHAT');
    const f = new FormData();
    f.append('file', new Blob(['aftercare: no makeup for 12 hours']), 'aftercare.txt');
    const att = (await api.request('POST', '/api/v1/attachments', f)).body;
    const res = await api.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Aftercare notes', attachments: [att.id] });
    expect(res.status).toBe(201);
    expect(res.body.attachments).toEqual([att]);
    const thread = await api.get(`/api/v1/conversations/${id}/messages`);
    expect(thread.body.items[0].attachments[0].fileName).toBe('aftercare.txt');
  });
});

describe('retry', () => {
  it('sends a failed message again after checking the rules again', async () => {
    const { contact, id } = await conversationWith('TYPE_LIVE_CHAT');
    const { message } = await deliver(server.pool, {
      locationId: fx.locationId,
      contactId: contact.id,
      messageType: 'TYPE_LIVE_CHAT',
      direction: 'outbound',
      status: 'failed',
      body: 'did not go',
    });
    await server.pool.query(`UPDATE messages SET error_code = 'timeout', error_message = 'Visitor offline' WHERE id = $1`, [message.id]);
    const failed = (await api.get(`/api/v1/conversations/${id}/messages`)).body.items.find((m: any) => m.id === message.id);
    expect(failed.error).toEqual({ code: 'timeout', message: 'Visitor offline' });

    await api.patch(`/api/v1/contacts/${contact.id}`, { dnd: true });
    const refused = await api.post(`/api/v1/messages/${message.id}/retry`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('dnd_active');
    await api.patch(`/api/v1/contacts/${contact.id}`, { dnd: false });

    const ok = await api.post(`/api/v1/messages/${message.id}/retry`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: message.id, status: 'sent', error: null });
    const again = await api.post(`/api/v1/messages/${message.id}/retry`);
    expect(again.body.error.code).toBe('not_retryable');
    const other = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await other.post(`/api/v1/messages/${message.id}/retry`)).status).toBe(404);
  });
});
