/**
 * Search: contacts by name, e-mail and phone in any format; message text ranked (exact phrase
 * first) and highlighted as plain-text segments; partial words through trigrams; tenancy and the
 * "only assigned" permission; the conversation list's q; jumping to a message (?around=).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import { deliver } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let stranger: ApiClient;

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
const search = (api: ApiClient, q: string, extra = '') => api.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
const marked = (segments: { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);
const plain = (segments: { text: string; match: boolean }[]) => segments.map((s) => s.text).join('');

async function contact(api: ApiClient, body: Record<string, unknown>) {
  const res = await api.post('/api/v1/contacts', body);
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; phone: string | null };
}

async function say(locationId: string, contactId: string, body: string, minutesAgo = 10) {
  return (await deliver(server.pool, { locationId, contactId, body, createdAt: at(minutesAgo) })).message;
}

beforeAll(async () => {
  ({ server, fx, admin, stranger } = await standardServer());
});
afterAll(() => server.stop());

describe('message search', () => {
  let exact: string;
  let scattered: string;
  let stemmed: string;
  let hydra: string;

  beforeAll(async () => {
    const a = await contact(admin, { firstName: 'Rita', lastName: 'Ranking', phone: '+12125550181' });
    const b = await contact(admin, { firstName: 'Sven', lastName: 'Scatter', phone: '+12125550182' });
    // The newest first: recency must not beat the exact phrase.
    scattered = (await say(fx.locationId, b.id, 'Removal of the tattoo first, then laser for the hair on my arms', 1)).id;
    stemmed = (await say(fx.locationId, b.id, 'Lasers and hairy removals: does that hurt?', 2)).id;
    exact = (await say(fx.locationId, a.id, 'Hi! Do you do laser hair removal on Saturdays?', 30)).id;
    hydra = (await say(fx.locationId, a.id, 'I loved my HydraFacial, can I book another one?', 40)).id;
  });

  it('ranks a message with the exact phrase above partial matches, and highlights the words', async () => {
    const res = await search(admin, 'laser hair removal', '&type=messages');
    expect(res.status).toBe(200);
    expect(res.body.contacts).toEqual([]);
    const ids = res.body.messages.map((m: any) => m.message.id);
    expect(ids[0]).toBe(exact);
    expect(ids).toEqual(expect.arrayContaining([scattered, stemmed]));
    const first = res.body.messages[0];
    expect(first.rank).toBeGreaterThan(res.body.messages[1].rank);
    expect(first.message).toMatchObject({ conversationId: expect.any(String), messageType: 'TYPE_SMS', direction: 'inbound' });
    expect(first.contact.name).toBe('Rita Ranking');
    expect(plain(first.snippet)).toBe('Hi! Do you do laser hair removal on Saturdays?');
    expect(marked(first.snippet).join(' ').toLowerCase()).toBe('laser hair removal');
    // Stemming: "lasers", "hairy", "removals" are marked too.
    const stem = res.body.messages.find((m: any) => m.message.id === stemmed);
    expect(marked(stem.snippet).map((s: string) => s.toLowerCase())).toEqual(expect.arrayContaining(['lasers', 'removals']));
  });

  it('finds a part of a word (trigrams) and a word prefix (full-text)', async () => {
    const prefix = await search(admin, 'hydra', '&type=messages');
    expect(prefix.body.messages.map((m: any) => m.message.id)).toEqual([hydra]);
    expect(marked(prefix.body.messages[0].snippet)).toEqual(['HydraFacial']);
    const inside = await search(admin, 'facial', '&type=messages');
    expect(inside.body.messages.map((m: any) => m.message.id)).toEqual([hydra]);
    expect(marked(inside.body.messages[0].snippet)).toEqual(['Facial']);
    expect((await search(admin, 'hydrafacial book')).body.messages[0].message.id).toBe(hydra);
  });

  it('cuts long texts around the match and never returns HTML', async () => {
    const c = await contact(admin, { firstName: 'Lena', lastName: 'Long', phone: '+12125550183' });
    const filler = 'We are open every day from nine to five and parking is free behind the building. '.repeat(12);
    await say(fx.locationId, c.id, `${filler}By the way, the microdermabrasion was great. ${filler}`);
    const res = await search(admin, 'microdermabrasion', '&type=messages');
    const snippet = res.body.messages[0].snippet;
    const text = plain(snippet);
    expect(text.length).toBeLessThan(300);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(marked(snippet)).toEqual(['microdermabrasion']);
    // Markup a contact wrote comes back as text (the client renders segments as text), never as markup of ours.
    await say(fx.locationId, c.id, 'Is <img src=x onerror=alert(1)> the dermaplaning & peel combo <b>on</b>?');
    const html = (await search(admin, 'dermaplaning', '&type=messages')).body.messages[0].snippet;
    expect(plain(html)).toBe('Is <img src=x onerror=alert(1)> the dermaplaning & peel combo <b>on</b>?');
    expect(marked(html)).toEqual(['dermaplaning']);
  });

  it('validates the query', async () => {
    expect((await search(admin, '')).status).toBe(400);
    expect((await search(admin, 'x', '&type=everything')).status).toBe(400);
    expect((await admin.get('/api/v1/search?q=a&limit=500')).status).toBe(400);
    expect((await new ApiClient(server.url).get('/api/v1/search?q=laser')).status).toBe(401);
  });
});

describe('contact search', () => {
  let ada: { id: string };
  let bo: { id: string };

  beforeAll(async () => {
    ada = await contact(admin, { firstName: 'Adaline', lastName: 'Quorra', phone: '(917) 381-2456', email: 'ada.q@glow.example.com' });
    bo = await contact(admin, { firstName: 'Bo', lastName: 'Quorrason', phone: '+1 646 555 0199' });
    await say(fx.locationId, ada.id, 'Thanks!');
  });

  it('finds a phone number typed in any format, and marks its digits', async () => {
    for (const q of ['(917) 381', '917-381', '917.381.2456', '+1917381', '+1 (917) 381-2456', '19173812456', '381-24']) {
      const res = await search(admin, q, '&type=contacts');
      expect(res.body.contacts.map((c: any) => c.contact.id), q).toEqual([ada.id]);
    }
    const hit = (await search(admin, '(917) 381')).body.contacts[0];
    expect(hit.contact.phone).toBe('+19173812456');
    expect(hit.highlight.phone).toEqual([
      { text: '+1', match: false },
      { text: '917381', match: true },
      { text: '2456', match: false },
    ]);
    expect(hit.conversationId).toEqual(expect.any(String));
    const fives = (await search(admin, '555-01', '&type=contacts&limit=50')).body.contacts.map((c: any) => c.contact.id);
    expect(fives).toContain(bo.id);
    expect(fives).not.toContain(ada.id);
    expect((await search(admin, '646 555', '&type=contacts')).body.contacts.map((c: any) => c.contact.id)).toEqual([bo.id]);
  });

  it('finds names and e-mails by parts, the best match first', async () => {
    const res = await search(admin, 'quorra', '&type=contacts');
    // Exact last name and prefix both match; "Adaline Quorra" (a word equal to the query) before "Quorrason"? Both start
    // a word, so the tie is broken by score, then recent activity: Ada has a conversation.
    expect(res.body.contacts.map((c: any) => c.contact.id)).toEqual(expect.arrayContaining([ada.id, bo.id]));
    expect((await search(admin, 'adaline quorra')).body.contacts[0].contact.id).toBe(ada.id);
    expect((await search(admin, 'Bo Quorrason')).body.contacts[0].contact.id).toBe(bo.id);
    const partial = await search(admin, 'dalin', '&type=contacts');
    expect(partial.body.contacts.map((c: any) => c.contact.id)).toEqual([ada.id]);
    expect(marked(partial.body.contacts[0].highlight.name)).toEqual(['dalin']);
    const email = await search(admin, 'ada.q@glow', '&type=contacts');
    expect(email.body.contacts.map((c: any) => c.contact.id)).toEqual([ada.id]);
    expect(marked(email.body.contacts[0].highlight.email)).toEqual(['ada.q@glow']);
    // A contact without a conversation yet.
    expect((await search(admin, 'quorrason')).body.contacts[0].conversationId).toBeNull();
    // One or two letters: word prefixes.
    expect((await search(admin, 'ad qu', '&type=contacts')).body.contacts.map((c: any) => c.contact.id)).toEqual([ada.id]);
  });

  it('the conversation list matches contacts the same way, and message text', async () => {
    const ids = async (q: string) => (await admin.get(`/api/v1/conversations?status=all&q=${encodeURIComponent(q)}`)).body.items.map((c: any) => c.contact.id);
    expect(await ids('(917) 381')).toEqual([ada.id]);
    expect(await ids('+1917381')).toEqual([ada.id]);
    expect(await ids('ada.q@')).toEqual([ada.id]);
    const rita = (await search(admin, 'rita ranking', '&type=contacts')).body.contacts[0].contact.id;
    expect(await ids('saturdays')).toEqual([rita]);
    expect(await ids('facial')).toEqual([rita]);
  });
});

describe('tenancy and permissions', () => {
  it('never shows another location’s contacts or messages', async () => {
    const mine = await contact(admin, { firstName: 'Xavier', lastName: 'Zanzibar', phone: '+12125550170' });
    await say(fx.locationId, mine.id, 'Is the zanzibar glow peel available?');
    const theirs = await contact(stranger, { firstName: 'Xena', lastName: 'Zanzibar', phone: '+447700900170' });
    await say(fx.otherLocationId, theirs.id, 'Zanzibar glow peel for me too please');

    const a = (await search(admin, 'zanzibar')).body;
    expect(a.contacts.map((c: any) => c.contact.id)).toEqual([mine.id]);
    expect(a.messages.map((m: any) => m.contact.id)).toEqual([mine.id]);
    const b = (await search(stranger, 'zanzibar')).body;
    expect(b.contacts.map((c: any) => c.contact.id)).toEqual([theirs.id]);
    expect(b.messages.map((m: any) => m.contact.id)).toEqual([theirs.id]);
    // A GB number typed the national way finds the GB contact, in the GB location only.
    expect((await search(stranger, '07700 900170')).body.contacts.map((c: any) => c.contact.id)).toEqual([theirs.id]);
    expect((await search(admin, '07700 900170')).body.contacts).toEqual([]);
  });

  it('an "only assigned" member finds only the conversations assigned to them', async () => {
    const assigned = await contact(admin, { firstName: 'Ophelia', lastName: 'Onyxa', phone: '+12125550160' });
    const other = await contact(admin, { firstName: 'Olga', lastName: 'Onyxa', phone: '+12125550161' });
    const noConversation = await contact(admin, { firstName: 'Otto', lastName: 'Onyxa' });
    const m1 = await say(fx.locationId, assigned.id, 'Onyx facial booking for Ophelia');
    await say(fx.locationId, other.id, 'Onyx facial booking for Olga');
    expect((await admin.patch(`/api/v1/conversations/${m1.conversationId}`, { assignedTo: fx.staff.id })).status).toBe(200);
    await server.pool.query(`UPDATE memberships SET permissions = permissions || '{"onlyAssigned": true}' WHERE location_id = $1 AND user_id = $2`, [
      fx.locationId,
      fx.staff.id,
    ]);
    const staff = await ApiClient.signedIn(server.url, fx.staff);

    const res = (await search(staff, 'onyx')).body;
    expect(res.contacts.map((c: any) => c.contact.id)).toEqual([assigned.id]);
    expect(res.messages.map((m: any) => m.message.id)).toEqual([m1.id]);
    expect((await search(staff, '555-0161')).body.contacts).toEqual([]);
    const list = await staff.get('/api/v1/conversations?status=all&q=onyx');
    expect(list.body.items.map((c: any) => c.id)).toEqual([m1.conversationId]);
    // Everyone else still finds all of them.
    const all = (await search(admin, 'onyxa', '&type=contacts')).body.contacts.map((c: any) => c.contact.id);
    expect(all).toEqual(expect.arrayContaining([assigned.id, other.id, noConversation.id]));
    expect((await search(admin, 'onyx facial', '&type=messages')).body.messages).toHaveLength(2);
  });
});

describe('jumping to a message', () => {
  it('?around= returns the thread from the newest item down to the message and some older ones', async () => {
    const c = await contact(admin, { firstName: 'Paula', lastName: 'Pager', phone: '+12125550150' });
    const ids: string[] = [];
    let conversationId = '';
    for (let i = 0; i < 80; i++) {
      const m = await say(fx.locationId, c.id, `message number ${i}`, 200 - i);
      ids.push(m.id);
      conversationId = m.conversationId;
    }
    const target = ids[10]; // 69 newer items
    const res = await admin.get(`/api/v1/conversations/${conversationId}/messages?around=${target}&limit=5`);
    expect(res.status).toBe(200);
    const got = res.body.items.map((m: any) => m.id);
    expect(got).toEqual(ids.slice(5).reverse());
    expect(res.body.nextCursor).not.toBeNull();
    const older = await admin.get(`/api/v1/conversations/${conversationId}/messages?limit=50&cursor=${res.body.nextCursor}`);
    expect(older.body.items.map((m: any) => m.id)).toEqual(ids.slice(0, 5).reverse());

    const unknown = await admin.get(`/api/v1/conversations/${conversationId}/messages?around=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    const otherConversation = (await search(admin, 'rita ranking', '&type=contacts')).body.contacts[0].conversationId;
    expect((await admin.get(`/api/v1/conversations/${otherConversation}/messages?around=${target}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/conversations/${conversationId}/messages?around=${target}`)).status).toBe(404);
  });
});
