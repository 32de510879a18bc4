import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';
import { connectTwilio, inboundSms, postTwilio } from '../helpers/twilio';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
});
afterAll(() => server.stop());

async function thread(contactId: string) {
  const conv = (await admin.post('/api/v1/conversations', { contactId })).body;
  return (await admin.get(`/api/v1/conversations/${conv.id}/messages`)).body.items as any[];
}

describe('Do Not Disturb set by a user', () => {
  it('writes a card per change, naming the user and the change, live for the team', async () => {
    const c = await newContact(admin);
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.id });
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    const ws = await staff.socket();
    await ws.ready();
    const res = await admin.patch(`/api/v1/contacts/${c.id}`, { dnd: true, dndSettings: { Email: { status: 'active' } } });
    expect(res.status).toBe(200);
    const cards = (await thread(c.id)).filter((m) => m.messageType === 'TYPE_ACTIVITY_CONTACT');
    expect(cards.map((m) => m.body).sort()).toEqual(['DND enabled for Email', 'DND enabled for all channels']);
    const email = cards.find((m) => m.body === 'DND enabled for Email');
    expect(email.meta).toMatchObject({
      action: 'dnd_on',
      record: { type: 'contact', id: c.id },
      actor: { type: 'user', id: fx.admin.id, name: 'Ada Admin' },
      changes: { 'Email DND': { from: 'inactive', to: 'active' } },
    });
    await ws.waitFor((f) => f.filter((x) => x.type === 'message.created' && x.data.messageType === 'TYPE_ACTIVITY_CONTACT').length === 2);
    // Lifting it writes its own card; an unchanged value writes none.
    await admin.patch(`/api/v1/contacts/${c.id}`, { dnd: false, dndSettings: { Email: { status: 'active' } } });
    const after = (await thread(c.id)).filter((m) => m.messageType === 'TYPE_ACTIVITY_CONTACT');
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ body: 'DND removed for all channels', meta: { action: 'dnd_off' } });
    await ws.close();
  });

  it('cannot lift a permanent opt-out: only the contact’s START does', async () => {
    await connectTwilio(admin, '+12125550100');
    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550199', '+12125550100', 'STOP'));
    const contact = (await admin.get('/api/v1/contacts?q=9175550199')).body.items[0];
    expect(contact.dndSettings.SMS.status).toBe('permanent');
    const res = await admin.patch(`/api/v1/contacts/${contact.id}`, { dndSettings: { SMS: { status: 'inactive' } } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('dnd_permanent');
    expect(res.body.error.message).toContain('replying START');
    expect((await admin.get(`/api/v1/contacts/${contact.id}`)).body.dndSettings.SMS.status).toBe('permanent');
    // Other changes to the contact are unaffected.
    expect((await admin.patch(`/api/v1/contacts/${contact.id}`, { firstName: 'Opted' })).status).toBe(200);
    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550199', '+12125550100', 'START'));
    expect((await admin.get(`/api/v1/contacts/${contact.id}`)).body.dndSettings.SMS.status).toBe('inactive');
  });

  it('a contact of another location is 404, and nothing is written', async () => {
    const c = await newContact(admin);
    const other = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await other.patch(`/api/v1/contacts/${c.id}`, { dnd: true })).status).toBe(404);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).body.dnd).toBe(false);
  });
});
