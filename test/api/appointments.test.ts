import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedToUtc } from '../../src/server/appointments/zoned-time';
import { ApiClient } from '../helpers/client';
import { newContact } from '../helpers/data';
import type { Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient; // admin of the US location (America/New_York)
let staff: ApiClient; // user of the US location
let other: ApiClient; // admin of the GB location
let calendarId: string;

beforeAll(async () => {
  ({ server, fx, admin, staff, stranger: other } = await standardServer());
  const cal = await admin.post('/api/v1/calendars', {
    name: 'Consults',
    teamMemberIds: [fx.admin.id, fx.staff.id],
    defaultDurationMinutes: 45,
    meetingLocationType: 'zoom',
    meetingLocation: 'https://zoom.example/j/123',
  });
  expect(cal.status).toBe(201);
  calendarId = cal.body.id;
});
afterAll(() => server.stop());

/** A day in the future (so "upcoming"), distinct per call, as YYYY-MM-DD. */
let dayOffset = 30;
const nextDay = () => new Date(Date.now() + dayOffset++ * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00.000Z`;

async function cards(contactId: string) {
  const r = await server.pool.query(
    `SELECT body, meta, user_id FROM messages WHERE contact_id = $1 AND message_type = 'TYPE_ACTIVITY_APPOINTMENT' ORDER BY created_at, id`,
    [contactId],
  );
  return r.rows as { body: string; meta: any; user_id: string | null }[];
}

function book(api: ApiClient, contactId: string, extra: Record<string, unknown> = {}) {
  return api.post('/api/v1/appointments', { title: 'Botox consult', contactId, calendarId, assignedUserId: fx.admin.id, ...extra });
}

describe('calendars', () => {
  it('gives a location without calendars one default calendar, even under concurrent first requests', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => other.get('/api/v1/calendars')));
    for (const r of results) expect(r.status).toBe(200);
    const rows = await server.pool.query('SELECT count(*)::int AS n FROM calendars WHERE location_id = $1', [fx.otherLocationId]);
    expect(rows.rows[0].n).toBe(1);
    expect(results[0].body.items[0]).toMatchObject({
      name: 'Treatments',
      timezone: 'Europe/London',
      defaultDurationMinutes: 30,
      teamMemberIds: [fx.stranger.id],
    });
  });

  it('are written by admins only, validate members and time zones, and refuse deletion while in use', async () => {
    expect((await staff.post('/api/v1/calendars', { name: 'Nope' })).status).toBe(403);
    const badTz = await admin.post('/api/v1/calendars', { name: 'X', timezone: 'Mars/Olympus' });
    expect(badTz.status).toBe(400);
    expect(badTz.body.error.message).toMatch(/^body\.timezone/);
    const badMember = await admin.post('/api/v1/calendars', { name: 'X', teamMemberIds: [fx.stranger.id] });
    expect(badMember.status).toBe(422);
    const created = await admin.post('/api/v1/calendars', { name: 'Lasers', timezone: 'America/Chicago', teamMemberIds: [fx.staff.id] });
    expect(created.body).toMatchObject({ name: 'Lasers', timezone: 'America/Chicago', defaultDurationMinutes: 30, teamMemberIds: [fx.staff.id] });
    const patched = await admin.patch(`/api/v1/calendars/${created.body.id}`, { name: 'Laser room', teamMemberIds: [fx.admin.id, fx.staff.id] });
    expect(patched.body).toMatchObject({ name: 'Laser room', teamMemberIds: [fx.admin.id, fx.staff.id] });
    expect((await other.get(`/api/v1/calendars/${created.body.id}`)).status).toBe(404);
    const contact = await newContact(admin);
    expect((await book(admin, contact.id, { calendarId: created.body.id, startTime: at(nextDay(), '15:00') })).status).toBe(201);
    const del = await admin.delete(`/api/v1/calendars/${created.body.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error).toMatchObject({ code: 'calendar_in_use', message: expect.stringMatching(/still has 1 appointment:/), details: { appointments: 1 } });
  });

  it('deletes an empty calendar but keeps the location’s last one (409 last_calendar); 404 for another location’s', async () => {
    const [treatments] = (await other.get('/api/v1/calendars')).body.items;
    expect((await admin.delete(`/api/v1/calendars/${treatments.id}`)).status).toBe(404);
    const last = await other.delete(`/api/v1/calendars/${treatments.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error).toMatchObject({ code: 'last_calendar', message: expect.stringMatching(/only calendar/) });
    const spare = await other.post('/api/v1/calendars', { name: 'Spare' });
    expect((await staff.delete(`/api/v1/calendars/${spare.body.id}`)).status).toBe(403);
    expect((await other.delete(`/api/v1/calendars/${treatments.id}`)).status).toBe(200);
    expect((await other.delete(`/api/v1/calendars/${spare.body.id}`)).status).toBe(409);
    expect((await other.get('/api/v1/calendars')).body.items.map((c: { id: string }) => c.id)).toEqual([spare.body.id]);
  });
});

describe('appointments', () => {
  it('books, reads, lists, updates and deletes, with the calendar defaults and ISO UTC times', async () => {
    const contact = await newContact(admin);
    const day = nextDay();
    const res = await book(admin, contact.id, { startTime: `${day}T10:00:00-05:00`, notes: 'First visit', source: 'conversation' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Botox consult',
      calendarId,
      calendarName: 'Consults',
      contactId: contact.id,
      contactName: contact.name,
      assignedUserId: fx.admin.id,
      assignedUserName: 'Ada Admin',
      startTime: at(day, '15:00'),
      endTime: at(day, '15:45'), // the calendar's 45 minutes
      timezone: 'America/New_York',
      status: 'new',
      meetingLocationType: 'zoom',
      meetingLocation: 'https://zoom.example/j/123',
      notes: 'First visit',
      source: 'conversation',
      createdBy: fx.admin.id,
      createdByName: 'Ada Admin',
    });
    const id = res.body.id;
    expect((await staff.get(`/api/v1/appointments/${id}`)).body.id).toBe(id);
    const list = await staff.get(`/api/v1/appointments?contactId=${contact.id}`);
    expect(list.body.items.map((a: any) => a.id)).toEqual([id]);

    const patched = await staff.patch(`/api/v1/appointments/${id}`, { title: 'Botox follow-up', status: 'confirmed' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Botox follow-up', status: 'confirmed' });

    expect((await admin.delete(`/api/v1/appointments/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/appointments/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/appointments/${id}`)).status).toBe(404);
  });

  it('accepts startTime + durationMinutes, and refuses an end before the start naming the field', async () => {
    const contact = await newContact(admin);
    const day = nextDay();
    const ok = await book(admin, contact.id, { startTime: at(day, '13:00'), durationMinutes: 90 });
    expect(ok.body).toMatchObject({ startTime: at(day, '13:00'), endTime: at(day, '14:30') });
    const bad = await book(admin, contact.id, { startTime: at(day, '18:00'), endTime: at(day, '17:00') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^body\.endTime/);
    const same = await book(admin, contact.id, { startTime: at(day, '18:00'), endTime: at(day, '18:00') });
    expect(same.status).toBe(400);
    const patch = await admin.patch(`/api/v1/appointments/${ok.body.id}`, { endTime: at(day, '12:00') });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toMatch(/^body\.endTime/);
    const noStart = await admin.post('/api/v1/appointments', { title: 'X', contactId: contact.id });
    expect(noStart.status).toBe(400);
    expect(noStart.body.error.message).toMatch(/^body\.startTime/);
  });

  it('converts wall-clock times across the November DST change (10:00 New York is 14:00Z before, 15:00Z after)', async () => {
    const year = new Date().getUTCFullYear() + 1;
    // The first Sunday of November: the clocks go back in New York.
    const firstSunday = [1, 2, 3, 4, 5, 6, 7].map((d) => new Date(Date.UTC(year, 10, d))).find((d) => d.getUTCDay() === 0)!;
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    // The second Sunday of March: the clocks go forward, 02:00–03:00 does not happen.
    const springForward = iso([8, 9, 10, 11, 12, 13, 14].map((d) => new Date(Date.UTC(year, 2, d))).find((d) => d.getUTCDay() === 0)!);
    const before = iso(new Date(firstSunday.getTime() - 86_400_000));
    const after = iso(new Date(firstSunday.getTime() + 86_400_000));
    expect(zonedToUtc(before, '10:00', 'America/New_York').toISOString()).toBe(`${before}T14:00:00.000Z`);
    expect(zonedToUtc(after, '10:00', 'America/New_York').toISOString()).toBe(`${after}T15:00:00.000Z`);
    // Twice-lived 01:30 is its first occurrence (EDT); the skipped 02:30 of March does not exist.
    expect(zonedToUtc(iso(firstSunday), '01:30', 'America/New_York').toISOString()).toBe(`${iso(firstSunday)}T05:30:00.000Z`);
    expect(() => zonedToUtc(springForward, '02:30', 'America/New_York')).toThrow(/does not exist/);
    expect(zonedToUtc(`${year}-07-01`, '09:15', 'Asia/Kolkata').toISOString()).toBe(`${year}-07-01T03:45:00.000Z`);

    const contact = await newContact(admin);
    const a = await book(admin, contact.id, { date: before, time: '10:00', timezone: 'America/New_York', durationMinutes: 30 });
    const b = await book(admin, contact.id, { date: after, time: '10:00', timezone: 'America/New_York', durationMinutes: 30 });
    expect(a.status).toBe(201);
    expect(a.body.startTime).toBe(`${before}T14:00:00.000Z`);
    expect(b.body.startTime).toBe(`${after}T15:00:00.000Z`);
    expect(b.body.timezone).toBe('America/New_York');
    // A reschedule by wall clock across the change keeps the length.
    const moved = await admin.post(`/api/v1/appointments/${a.body.id}/reschedule`, { date: after, time: '11:00' });
    expect(moved.body).toMatchObject({ startTime: `${after}T16:00:00.000Z`, endTime: `${after}T16:30:00.000Z` });
    const gap = await book(admin, contact.id, { date: springForward, time: '02:30', timezone: 'America/New_York' });
    expect(gap.status).toBe(400);
    expect(gap.body.error.message).toMatch(/^body\.time: .*does not exist/);
  });

  it('refuses an overlapping booking of the same team member with 409 naming the conflict', async () => {
    const contact = await newContact(admin);
    const day = nextDay();
    const first = await book(admin, contact.id, { startTime: at(day, '15:00'), durationMinutes: 60 });
    const clash = await book(staff, contact.id, { title: 'Filler', startTime: at(day, '15:30'), durationMinutes: 60 });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('appointment_conflict');
    expect(clash.body.error.message).toContain('Botox consult');
    expect(clash.body.error.message).toContain('Ada Admin');
    expect(clash.body.error.details.conflict).toEqual({
      id: first.body.id,
      title: 'Botox consult',
      startTime: at(day, '15:00'),
      endTime: at(day, '16:00'),
      assignedUserId: fx.admin.id,
    });
    // Another team member at the same time is fine; touching appointments are fine.
    expect((await book(admin, contact.id, { assignedUserId: fx.staff.id, startTime: at(day, '15:30'), durationMinutes: 60 })).status).toBe(201);
    expect((await book(admin, contact.id, { startTime: at(day, '16:00'), durationMinutes: 30 })).status).toBe(201);
    expect((await book(admin, contact.id, { startTime: at(day, '14:30'), durationMinutes: 30 })).status).toBe(201);
    // Rescheduling onto another appointment is refused the same way.
    const later = await book(admin, contact.id, { startTime: at(day, '18:00'), durationMinutes: 30 });
    const onto = await admin.post(`/api/v1/appointments/${later.body.id}/reschedule`, { startTime: at(day, '15:15') });
    expect(onto.status).toBe(409);
    expect(onto.body.error.details.conflict.id).toBe(first.body.id);
  });

  it('lets cancelled appointments free their slot (and un-cancelling into a taken slot is refused)', async () => {
    const contact = await newContact(admin);
    const day = nextDay();
    const first = await book(admin, contact.id, { startTime: at(day, '15:00'), durationMinutes: 60 });
    expect((await admin.patch(`/api/v1/appointments/${first.body.id}`, { status: 'cancelled' })).body.status).toBe('cancelled');
    const second = await book(admin, contact.id, { startTime: at(day, '15:00'), durationMinutes: 60 });
    expect(second.status).toBe(201);
    const back = await admin.patch(`/api/v1/appointments/${first.body.id}`, { status: 'confirmed' });
    expect(back.status).toBe(409);
    expect(back.body.error.details.conflict.id).toBe(second.body.id);
  });

  it('lets exactly one of 10 concurrent overlapping bookings win', async () => {
    const contact = await newContact(admin);
    const day = nextDay();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => book(i % 2 ? staff : admin, contact.id, { title: `Racer ${i}`, startTime: at(day, `15:${String(i * 3).padStart(2, '0')}`), durationMinutes: 60 })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = results.find((r) => r.status === 201)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.details.conflict.id).toBe(winner);
    expect((await cards(contact.id)).length).toBe(1);
  });

  it('answers 404 for another location’s appointment, contact or calendar, and lists only its own', async () => {
    const contact = await newContact(admin);
    const mine = await book(admin, contact.id, { startTime: at(nextDay(), '15:00') });
    for (const res of [
      await other.get(`/api/v1/appointments/${mine.body.id}`),
      await other.patch(`/api/v1/appointments/${mine.body.id}`, { title: 'Hijack' }),
      await other.post(`/api/v1/appointments/${mine.body.id}/reschedule`, { startTime: at(nextDay(), '15:00') }),
      await other.delete(`/api/v1/appointments/${mine.body.id}`),
      await other.post('/api/v1/appointments', { title: 'X', contactId: contact.id, startTime: at(nextDay(), '15:00') }),
      await admin.post('/api/v1/appointments', { title: 'X', contactId: contact.id, calendarId: (await other.get('/api/v1/calendars')).body.items[0].id, startTime: at(nextDay(), '15:00') }),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await other.get('/api/v1/appointments')).body.items.some((a: any) => a.id === mine.body.id)).toBe(false);
    expect((await admin.get(`/api/v1/appointments/${mine.body.id}`)).body.title).toBe('Botox consult');
  });

  it('refuses an assignee who is not on the calendar’s team', async () => {
    const contact = await newContact(admin);
    const res = await book(admin, contact.id, { assignedUserId: fx.stranger.id, startTime: at(nextDay(), '15:00') });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_assignee');
  });

  it('pages through a window with from/to, soonest first', async () => {
    const contact = await newContact(admin);
    const day = nextDay();
    for (const h of ['19:00', '13:00', '15:00', '17:00']) await book(admin, contact.id, { startTime: at(day, h), durationMinutes: 30 });
    const p1 = await admin.get(`/api/v1/appointments?contactId=${contact.id}&limit=2`);
    expect(p1.body.items.map((a: any) => a.startTime)).toEqual([at(day, '13:00'), at(day, '15:00')]);
    const p2 = await admin.get(`/api/v1/appointments?contactId=${contact.id}&limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((a: any) => a.startTime)).toEqual([at(day, '17:00'), at(day, '19:00')]);
    expect(p2.body.nextCursor).toBeNull();
    const window = await admin.get(`/api/v1/appointments?contactId=${contact.id}&from=${at(day, '15:15')}&to=${at(day, '17:00')}`);
    expect(window.body.items.map((a: any) => a.startTime)).toEqual([at(day, '15:00')]);
  });
});

describe('activity cards', () => {
  it('writes a card for each kind of change, with who did it and what changed, and emits events', async () => {
    const contact = await newContact(admin);
    const ws = await staff.socket();
    await ws.ready();
    const day = nextDay();
    const a = await book(admin, contact.id, { startTime: at(day, '19:00'), durationMinutes: 30, source: 'conversation' });
    const id = a.body.id;
    await staff.post(`/api/v1/appointments/${id}/reschedule`, { startTime: at(day, '20:00') });
    await staff.patch(`/api/v1/appointments/${id}`, { status: 'confirmed' });
    await staff.patch(`/api/v1/appointments/${id}`, { status: 'showed' });
    await staff.patch(`/api/v1/appointments/${id}`, { status: 'noshow' });
    await staff.patch(`/api/v1/appointments/${id}`, { notes: 'Bring ID', title: 'Botox top-up' });
    await staff.patch(`/api/v1/appointments/${id}`, { notes: 'Bring ID' }); // no change: no card
    await admin.patch(`/api/v1/appointments/${id}`, { status: 'cancelled' });
    await admin.delete(`/api/v1/appointments/${id}`);

    const list = await cards(contact.id);
    expect(list.map((c) => c.meta.action)).toEqual(['created', 'rescheduled', 'confirmed', 'showed', 'noshow', 'updated', 'cancelled', 'deleted']);
    for (const c of list) expect(c.meta.record).toEqual({ type: 'appointment', id });
    // The location is in New York: 19:00Z is 2:00 PM EST (or 3:00 PM EDT).
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' });
    expect(list[0].body).toMatch(new RegExp(`^Appointment booked: Botox consult, \\w{3} \\d{1,2} \\w{3} ${local.format(new Date(at(day, '19:00'))).replace(/\s/g, '\\s')}$`));
    expect(list[0].meta.actor).toEqual({ type: 'user', id: fx.admin.id, name: 'Ada Admin' });
    expect(list[0].user_id).toBe(fx.admin.id);
    expect(list[0].meta.details).toMatchObject({ title: 'Botox consult', startTime: at(day, '19:00'), calendarName: 'Consults', source: 'conversation' });
    expect(list[1].body).toMatch(/^Appointment rescheduled: Botox consult, /);
    expect(list[1].meta.actor).toMatchObject({ type: 'user', id: fx.staff.id, name: 'Sam Staff' });
    expect(Object.keys(list[1].meta.changes)).toEqual(['startTime']);
    expect(list[1].meta.changes.startTime.from).toContain(local.format(new Date(at(day, '19:00'))));
    expect(list[1].meta.changes.startTime.to).toContain(local.format(new Date(at(day, '20:00'))));
    expect(list[2].meta.changes).toEqual({ status: { from: 'New', to: 'Confirmed' } });
    expect(list[4].body).toMatch(/^Appointment marked as no-show/);
    expect(list[5].meta.changes).toEqual({ title: { from: 'Botox consult', to: 'Botox top-up' }, Notes: { from: null, to: 'Bring ID' } });
    expect(list[6].body).toMatch(/^Appointment cancelled: Botox top-up/);
    expect(list[7].body).toMatch(/^Appointment deleted: Botox top-up/);

    await ws.waitFor((f) => f.some((x) => x.type === 'appointment.deleted' && x.data.id === id));
    const types = ws.events().filter((f) => f.type.startsWith('appointment.') && f.data.id === id).map((f) => f.type);
    expect(types).toEqual(['appointment.created', ...Array(6).fill('appointment.updated'), 'appointment.deleted']);
    // Each card is a message.created in the contact's conversation, on the same socket.
    await ws.waitFor((f) => f.filter((x) => x.type === 'message.created' && x.data.meta?.record?.id === id).length === 8);
    await ws.close();
  });

  it('names the booking widget as the actor when booked through an API key, with no creator', async () => {
    const key = (await admin.post('/api/v1/api-keys', { name: 'Widget' })).body.key;
    const bot = ApiClient.withKey(server.url, key);
    const contact = await newContact(admin);
    const res = await bot.post('/api/v1/appointments', { title: 'Skin check', contactId: contact.id, calendarId, startTime: at(nextDay(), '15:00'), source: 'booking_widget' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ createdBy: null, createdByName: null, source: 'booking_widget', assignedUserId: fx.admin.id });
    const [card] = await cards(contact.id);
    expect(card.meta.actor).toEqual({ type: 'system', id: null, name: 'Booking widget' });
    await bot.patch(`/api/v1/appointments/${res.body.id}`, { status: 'confirmed' });
    expect((await cards(contact.id))[1].meta.actor).toEqual({ type: 'system', id: null, name: 'API' });
  });
});
