/**
 * Snippets (CRUD, folders, search, tenancy) and merge fields: filled in at send, an unknown field
 * or one without a value refused before anything is stored, with the fields named.
 */
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

/** A web chat conversation (replies go out at once) with a contact created over the API. */
async function chat(extra: Record<string, unknown> = {}) {
  const contact = await newContact(admin, extra);
  const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: contact.id, messageType: 'TYPE_LIVE_CHAT' });
  return { contact, id: message.conversationId };
}

const outbound = async (conversationId: string) =>
  (await server.pool.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND direction = 'outbound'`, [conversationId])).rows[0].n;

describe('snippets', () => {
  it('creates, reads, edits and deletes snippets; names are unique whatever the case', async () => {
    const created = await admin.post('/api/v1/snippets', { name: 'Welcome', body: 'Hi {{contact.first_name}}, welcome to {{location.name}}!', folder: 'Greetings' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'text', name: 'Welcome', folder: 'Greetings', subject: null, personal: false, createdBy: fx.admin.id });
    const id = created.body.id;
    expect((await staff.get(`/api/v1/snippets/${id}`)).body.body).toBe('Hi {{contact.first_name}}, welcome to {{location.name}}!');

    const dup = await admin.post('/api/v1/snippets', { name: 'WELCOME', body: 'x' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('snippet_name_taken');

    const edited = await admin.patch(`/api/v1/snippets/${id}`, { kind: 'email', subject: 'Welcome, {{contact.first_name}}', folder: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ kind: 'email', subject: 'Welcome, {{contact.first_name}}', folder: null, name: 'Welcome' });
    // Back to text: the subject goes; a subject on a text snippet is refused.
    expect((await admin.patch(`/api/v1/snippets/${id}`, { kind: 'text' })).body.subject).toBeNull();
    expect((await admin.post('/api/v1/snippets', { name: 'Bad', body: 'x', subject: 'y' })).status).toBe(400);

    expect((await admin.delete(`/api/v1/snippets/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/snippets/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/snippets/${id}`)).status).toBe(404);
  });

  it('shared snippets are the admins’ to change; personal ones are their owner’s alone', async () => {
    // A team member cannot add, edit or delete a shared snippet…
    const refused = await staff.post('/api/v1/snippets', { name: 'Team reply', body: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const shared = (await admin.post('/api/v1/snippets', { name: 'Opening hours', body: 'We are open 9 to 6.', folder: 'Info' })).body;
    expect((await staff.patch(`/api/v1/snippets/${shared.id}`, { body: 'hacked' })).status).toBe(403);
    expect((await staff.delete(`/api/v1/snippets/${shared.id}`)).status).toBe(403);
    expect((await admin.get(`/api/v1/snippets/${shared.id}`)).body.body).toBe('We are open 9 to 6.');

    // …but keeps their own: personal, seen and changed by them only (even an admin gets 404).
    const mine = await staff.post('/api/v1/snippets', { name: 'My sign-off', body: 'Talk soon, {{user.name}}', folder: 'Mine', personal: true });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ personal: true, createdBy: fx.staff.id });
    const names = async (api: ApiClient, q = '') => (await api.get(`/api/v1/snippets${q}`)).body.items.map((x: any) => x.name);
    expect(await names(staff)).toEqual(expect.arrayContaining(['My sign-off', 'Opening hours']));
    expect(await names(admin)).not.toContain('My sign-off');
    expect(await names(staff, '?q=talk%20soon')).toEqual(['My sign-off']);
    expect((await staff.get('/api/v1/snippets/folders')).body.items).toEqual(expect.arrayContaining([{ name: 'Mine', count: 1 }]));
    expect((await admin.get('/api/v1/snippets/folders')).body.items.map((f: any) => f.name)).not.toContain('Mine');
    for (const [method, body] of [['GET'], ['PATCH', { body: 'x' }], ['DELETE']] as const) {
      expect((await admin.request(method, `/api/v1/snippets/${mine.body.id}`, body)).status, method).toBe(404);
    }
    expect((await staff.patch(`/api/v1/snippets/${mine.body.id}`, { body: 'See you soon, {{user.name}}' })).body.body).toBe('See you soon, {{user.name}}');
    // Names: unique among one member's own, and among the shared; the two may meet.
    expect((await staff.post('/api/v1/snippets', { name: 'MY SIGN-OFF', body: 'y', personal: true })).status).toBe(409);
    const twin = await staff.post('/api/v1/snippets', { name: 'Opening hours', body: 'My version', personal: true });
    expect(twin.status).toBe(201);
    const admins = await admin.post('/api/v1/snippets', { name: 'My sign-off', body: 'The team’s', personal: true });
    expect(admins.status).toBe(201);
    expect((await staff.delete(`/api/v1/snippets/${mine.body.id}`)).status).toBe(200);
    expect((await staff.get(`/api/v1/snippets/${mine.body.id}`)).status).toBe(404);
    await staff.delete(`/api/v1/snippets/${twin.body.id}`);
    await admin.delete(`/api/v1/snippets/${admins.body.id}`);
    await admin.delete(`/api/v1/snippets/${shared.id}`);
  });

  it('refuses a snippet with an unknown merge field, naming it', async () => {
    const res = await admin.post('/api/v1/snippets', { name: 'Typo', body: 'Hi {{contact.frist_name}} and {{contact.nick}}' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('merge_field_unknown');
    expect(res.body.error.details.mergeFields).toEqual(['contact.frist_name', 'contact.nick']);
    expect(res.body.error.message).toContain('{{contact.frist_name}}');
  });

  it('lists alphabetically with folders, search and keyset pages', async () => {
    const make = (name: string, body: string, folder?: string, extra: Record<string, unknown> = {}) =>
      admin.post('/api/v1/snippets', { name, body, folder, ...extra }).then((r) => {
        expect(r.status).toBe(201);
        return r.body;
      });
    await make('zeta aftercare', 'Keep the area clean for 24 hours.', 'Aftercare');
    await make('Alpha aftercare', 'No make-up until tomorrow.', 'aftercare');
    await make('Booking link', 'Book here: https://glow.example/book', 'Booking');
    await make('Price list', 'Our prices are on the website.');
    await make('Invoice email', 'Your invoice is attached.', 'Billing', { kind: 'email', subject: 'Your invoice' });

    const all = await admin.get('/api/v1/snippets');
    expect(all.body.items.map((s: any) => s.name)).toEqual(['Alpha aftercare', 'Booking link', 'Invoice email', 'Price list', 'zeta aftercare']);

    const folders = await admin.get('/api/v1/snippets/folders');
    expect(folders.body.items).toEqual([
      { name: 'Aftercare', count: 2 },
      { name: 'Billing', count: 1 },
      { name: 'Booking', count: 1 },
    ]);
    const inFolder = await admin.get('/api/v1/snippets?folder=aftercare');
    expect(inFolder.body.items.map((s: any) => s.name)).toEqual(['Alpha aftercare', 'zeta aftercare']);
    expect((await admin.get('/api/v1/snippets?folder=')).body.items.map((s: any) => s.name)).toEqual(['Price list']);

    // Every word must match, in the name, subject, body or folder; % and _ are literal.
    expect((await admin.get('/api/v1/snippets?q=after%20CLEAN')).body.items.map((s: any) => s.name)).toEqual(['zeta aftercare']);
    expect((await admin.get('/api/v1/snippets?q=invoice')).body.items.map((s: any) => s.name)).toEqual(['Invoice email']);
    expect((await admin.get('/api/v1/snippets?q=%25')).body.items).toEqual([]);
    expect((await admin.get('/api/v1/snippets?kind=email')).body.items.map((s: any) => s.name)).toEqual(['Invoice email']);

    const p1 = await admin.get('/api/v1/snippets?limit=2');
    const p2 = await admin.get(`/api/v1/snippets?limit=2&cursor=${p1.body.nextCursor}`);
    const p3 = await admin.get(`/api/v1/snippets?limit=2&cursor=${p2.body.nextCursor}`);
    expect([...p1.body.items, ...p2.body.items, ...p3.body.items].map((s: any) => s.name)).toEqual(all.body.items.map((s: any) => s.name));
    expect(p3.body.nextCursor).toBeNull();
    expect((await admin.get('/api/v1/snippets?cursor=nonsense')).status).toBe(400);
  });

  it("keeps each location's snippets to itself: another location's answers 404", async () => {
    const mine = (await admin.post('/api/v1/snippets', { name: 'Private', body: 'Only for Glow' })).body;
    expect((await other.get(`/api/v1/snippets/${mine.id}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/snippets/${mine.id}`, { body: 'hacked' })).status).toBe(404);
    expect((await other.delete(`/api/v1/snippets/${mine.id}`)).status).toBe(404);
    expect((await other.get('/api/v1/snippets')).body.items).toEqual([]);
    // The same name is free in another location.
    expect((await other.post('/api/v1/snippets', { name: 'Private', body: 'Only for Radiance' })).status).toBe(201);
    expect((await admin.get(`/api/v1/snippets/${mine.id}`)).body.body).toBe('Only for Glow');
  });
});

describe('merge fields at send', () => {
  it('fills in every field, the next appointment in the location time zone included', async () => {
    const { contact, id } = await chat({ firstName: 'Jane', lastName: 'Doe', email: `jane-${Date.now()}@example.com` });
    // Two upcoming appointments (the sooner one counts), a sooner cancelled one, and a past one.
    const cal = (await admin.get('/api/v1/calendars')).body.items[0];
    const book = (startTime: string, status?: string) =>
      admin.post('/api/v1/appointments', { title: 'Consult', contactId: contact.id, calendarId: cal.id, assignedUserId: fx.admin.id, startTime, durationMinutes: 30 }).then(async (r) => {
        expect(r.status).toBe(201);
        if (status) await admin.patch(`/api/v1/appointments/${r.body.id}`, { status });
      });
    const year = new Date().getUTCFullYear() + 1;
    await book(`${year}-03-05T15:00:00Z`); // 10:00 AM in New York (EST)
    await book(`${year}-06-01T15:00:00Z`);
    await book(`${year}-02-01T15:00:00Z`, 'cancelled');
    await server.pool.query(
      `INSERT INTO appointments (location_id, calendar_id, contact_id, title, start_time, end_time, timezone, meeting_location_type, source)
       VALUES ($1, $2, $3, 'Past', now() - interval '2 days', now() - interval '2 days' + interval '30 minutes', 'UTC', 'phone', 'manual')`,
      [fx.locationId, cal.id, contact.id],
    );
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'America/New_York' }).format(new Date(`${year}-03-05T15:00:00Z`));

    const text =
      'Hi {{contact.first_name}} {{contact.last_name}} ({{contact.name}}, {{contact.email}}, {{contact.phone}}): ' +
      '{{user.name}} from {{location.name}} confirms {{ appointment.start_time }}.';
    const preview = await admin.post(`/api/v1/conversations/${id}/preview`, { body: text });
    const expected = `Hi Jane Doe (Jane Doe, ${(contact as any).email}, ${contact.phone}): Ada Admin from ${
      (await server.pool.query('SELECT name FROM locations WHERE id = $1', [fx.locationId])).rows[0].name
    } confirms ${weekday}, March 5 at 10:00 AM.`;
    expect(preview.body).toEqual({ text: expected, subject: null, problems: [] });

    const sent = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: text });
    expect(sent.status).toBe(201);
    expect(sent.body.body).toBe(expected);
    // The user is whoever sends.
    expect((await staff.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Best, {{user.name}}' })).body.body).toBe('Best, Sam Staff');
  });

  it('refuses an unknown field with 422 merge_field_unknown naming it, and stores nothing', async () => {
    const { id } = await chat();
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Hi {{contact.firstname}}, see you {{appointment.start_time}}' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('merge_field_unknown');
    // Unknown fields are named first (they are typos); the empty one is in the details too.
    expect(res.body.error.details.mergeFields).toEqual(['contact.firstname', 'appointment.start_time']);
    expect(res.body.error.message).toMatch(/\{\{contact\.firstname\}\}/);
    expect(await outbound(id)).toBe(0);
  });

  it('refuses a field without a value for this contact with 422 merge_field_empty naming it', async () => {
    const { contact, id } = await chat({ firstName: 'Lee' });
    await server.pool.query('UPDATE contacts SET last_name = NULL, email = NULL WHERE id = $1', [contact.id]);
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Dear {{contact.first_name}} {{contact.last_name}}, your email {{contact.email}}' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('merge_field_empty');
    expect(res.body.error.details.mergeFields).toEqual(['contact.last_name', 'contact.email']);
    expect(res.body.error.details.problems[0]).toEqual({
      field: 'contact.last_name',
      problem: 'empty',
      message: '{{contact.last_name}} cannot be filled: the contact has no last name.',
    });
    const one = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'See you {{appointment.start_time}}' });
    expect(one.body.error.message).toBe('{{appointment.start_time}} cannot be filled: the contact has no upcoming appointment.');
    expect(await outbound(id)).toBe(0);

    // The preview says the same while typing, and leaves the fields as written.
    const p = await admin.post(`/api/v1/conversations/${id}/preview`, { body: 'Dear {{contact.first_name}} {{contact.nope}} {{contact.email}}', subject: 'For {{contact.first_name}}' });
    expect(p.body.text).toBe('Dear Lee {{contact.nope}} {{contact.email}}');
    expect(p.body.subject).toBe('For Lee');
    expect(p.body.problems.map((x: any) => [x.field, x.problem])).toEqual([
      ['contact.nope', 'unknown'],
      ['contact.email', 'empty'],
    ]);
  });

  it("answers 404 for a preview of another location's conversation", async () => {
    const { id } = await chat();
    expect((await other.post(`/api/v1/conversations/${id}/preview`, { body: '{{contact.name}}' })).status).toBe(404);
  });
});
