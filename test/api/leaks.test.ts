/**
 * Smaller leaks, each closed: the appointment-clash 409 names no appointment the caller cannot
 * see; deleting a conversation is an admin's action; the widget serves anything but photos as
 * plain bytes (a team's SVG never runs on the clinic's site); a pay link is never stored plain in
 * the activity card nor written to the request log; HSTS once PUBLIC_URL is https; a CSP on the
 * API documentation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/db/embedded';
import { redactUrl } from '../../src/server/app';
import { ApiClient } from '../helpers/client';
import { deliver, newContact } from '../helpers/data';
import type { Fixture } from '../helpers/fixtures';
import { spawnServer, startTestServer, type TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';
import { connectTwilio } from '../helpers/twilio';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let staff: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin, staff } = await standardServer());
});
afterAll(() => server.stop());

/** A conversation of a new contact, assigned as asked. */
async function conversation(assignedTo: string | null) {
  const c = await newContact(admin);
  const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: 'hello' });
  if (assignedTo) expect((await admin.patch(`/api/v1/conversations/${message.conversationId}`, { assignedTo })).status).toBe(200);
  return { id: message.conversationId, contactId: c.id };
}

describe('the appointment clash', () => {
  it('names the appointment in the way only to who may see it', async () => {
    const calendar = (await admin.post('/api/v1/calendars', { name: 'Clash', teamMemberIds: [fx.admin.id, fx.staff.id] })).body;
    const mine = await conversation(fx.staff.id);
    const secret = await conversation(fx.admin.id);
    expect((await admin.patch(`/api/v1/users/${fx.staff.id}`, { onlyAssigned: true })).status).toBe(200);
    const limited = await ApiClient.signedIn(server.url, fx.staff);
    try {
      const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      const book = (api: ApiClient, contactId: string, title: string) =>
        api.post('/api/v1/appointments', { title, contactId, calendarId: calendar.id, assignedUserId: fx.staff.id, startTime: `${day}T15:00:00.000Z`, durationMinutes: 60 });
      const hidden = await book(admin, secret.contactId, 'Secret facelift consult');
      expect(hidden.status).toBe(201);

      const clash = await book(limited, mine.contactId, 'Filler');
      expect(clash.status).toBe(409);
      expect(clash.body.error.code).toBe('appointment_conflict');
      expect(clash.body.error.message).toBe('Sam Staff already has another appointment at that time. Pick another time or team member.');
      expect(JSON.stringify(clash.body)).not.toMatch(/Secret facelift|15:00|11:00|3:00/);
      expect(JSON.stringify(clash.body)).not.toContain(hidden.body.id);
      // Who may see it is told which one.
      const open = await book(admin, mine.contactId, 'Filler');
      expect(open.status).toBe(409);
      expect(open.body.error.details.conflict.id).toBe(hidden.body.id);
      expect(open.body.error.message).toContain('Secret facelift consult');
      // Their own appointment in the way is named to them too.
      const slot = (hhmm: string) => ({ contactId: mine.contactId, calendarId: calendar.id, assignedUserId: fx.staff.id, startTime: `${day}T${hhmm}:00.000Z`, durationMinutes: 60 });
      const own = await limited.post('/api/v1/appointments', { title: 'Follow-up', ...slot('17:30') });
      expect(own.status).toBe(201);
      const again = await limited.post('/api/v1/appointments', { title: 'Another', ...slot('19:00') });
      expect(again.status).toBe(201);
      const moved = await limited.patch(`/api/v1/appointments/${again.body.id}`, { startTime: `${day}T18:00:00.000Z` });
      expect(moved.status).toBe(409);
      expect(moved.body.error.details.conflict.id).toBe(own.body.id);
    } finally {
      await admin.patch(`/api/v1/users/${fx.staff.id}`, { onlyAssigned: false });
    }
  });
});

describe('deleting a conversation', () => {
  it('is an admin action: a team member gets 403 and nothing is deleted, one by one or in bulk', async () => {
    const a = await conversation(fx.staff.id);
    const b = await conversation(null);
    const one = await staff.delete(`/api/v1/conversations/${a.id}`);
    expect(one.status).toBe(403);
    expect(one.body.error.code).toBe('forbidden');
    const bulk = await staff.post('/api/v1/conversations/bulk', { ids: [a.id, b.id], action: 'delete' });
    expect(bulk.status).toBe(403);
    expect(bulk.body.error.message).toBe('Only admins can delete conversations.');
    for (const id of [a.id, b.id]) expect((await admin.get(`/api/v1/conversations/${id}`)).status).toBe(200);
    // Other bulk actions stay theirs.
    expect((await staff.post('/api/v1/conversations/bulk', { ids: [a.id, b.id], action: 'star' })).body.done).toHaveLength(2);
    expect((await admin.delete(`/api/v1/conversations/${a.id}`)).status).toBe(200);
    expect((await admin.post('/api/v1/conversations/bulk', { ids: [b.id], action: 'delete' })).body.done).toEqual([b.id]);
  });
});

describe('files the widget serves', () => {
  it('anything but a photo is plain bytes to save: a team’s SVG never runs as the clinic’s site', async () => {
    expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
    const v = new WidgetVisitor(server.url, fx.locationId, SITE);
    expect((await v.start()).status).toBe(201);
    expect((await v.say('Can I see the diagram?')).status).toBe(201);
    const conv = (await server.pool.query(`SELECT cv.id FROM webchat_visitors w JOIN contact_identities ci ON ci.location_id = w.location_id AND ci.kind = 'webchat' AND ci.value = w.id::text JOIN conversations cv ON cv.contact_id = ci.contact_id WHERE w.id = $1`, [v.id])).rows[0];
    const upload = async (name: string, bytes: Buffer) => {
      const f = new FormData();
      f.append('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await admin.request('POST', '/api/v1/attachments', f);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const svg = await upload('diagram.svg', SVG);
    const png = await upload('photo.png', PNG);
    expect((await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'Live_Chat', body: 'Here', attachments: [svg, png] })).status).toBe(201);

    const svgRes = await v.fetchFile(`/widget/v1/${fx.locationId}/attachments/${svg}`);
    expect(svgRes.status).toBe(200);
    expect(svgRes.headers.get('content-type')).toBe('application/octet-stream');
    expect(svgRes.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await svgRes.arrayBuffer()).equals(SVG)).toBe(true);
    const pngRes = await v.fetchFile(`/widget/v1/${fx.locationId}/attachments/${png}`);
    expect(pngRes.headers.get('content-type')).toBe('image/png');
    // The team's own download keeps the type (served from our origin under a sandboxing CSP).
    const team = await fetch(`${server.url}/api/v1/attachments/${svg}/content`, { headers: { cookie: admin.cookie! } });
    expect(team.headers.get('content-type')).toBe('image/svg+xml');
    expect(team.headers.get('content-security-policy')).toContain('sandbox');
  });
});

describe('pay links', () => {
  it('are redacted in request logs (unit)', () => {
    expect(redactUrl('/pay/AbC_d-123?x=1')).toBe('/pay/[redacted]?x=1');
    expect(redactUrl('/widget/v1/l/ws?token=secret&x=1')).toBe('/widget/v1/l/ws?token=[redacted]&x=1');
    expect(redactUrl('/media/l/i?exp=1&sig=abc')).toBe('/media/l/i?exp=1&sig=[redacted]');
    expect(redactUrl('/api/v1/payments')).toBe('/api/v1/payments');
  });

  it('never reach the log or the activity card; the stored token opens nothing without the key', async () => {
    // A real server process with its request log, on this test's database and key.
    const port = await freePort();
    const proc = await spawnServer({ DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'info' });
    try {
      const api = await ApiClient.signedIn(proc.url, fx.admin);
      await connectTwilio(api, '+12125550100');
      const contact = (await api.post('/api/v1/contacts', { firstName: 'Maya', phone: '+12015550111' })).body;
      const inv = (await api.post('/api/v1/invoices', { contactId: contact.id, items: [{ name: 'Peel', quantity: 1, unitPrice: 12000, taxRate: 0 }] })).body;
      const sent = await api.post(`/api/v1/invoices/${inv.id}/send`);
      expect(sent.status).toBe(200);
      const token = sent.body.payUrl.split('/pay/')[1];
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await fetch(sent.body.payUrl)).status).toBe(200);
      expect((await fetch(`${proc.url}/pay/${token}?utm=sms`)).status).toBe(200);
      await expect.poll(() => proc.output(), { timeout: 5000 }).toContain('/pay/[redacted]');
      expect(proc.output()).not.toContain(token);

      // The card says the link went out, without the link; link_delivery names no link either.
      const cards = (await server.pool.query(`SELECT meta FROM messages WHERE contact_id = $1 AND message_type = 'TYPE_ACTIVITY_INVOICE'`, [contact.id])).rows;
      expect(cards.find((c) => c.meta.action === 'sent')?.meta.details).toMatchObject({ linkSent: true });
      expect(JSON.stringify(cards)).not.toContain(token);
      // The events that carried the cards to every socket did not carry it either.
      const events = await server.pool.query(`SELECT data FROM events WHERE location_id = $1 AND type = 'message.created' AND data->>'contactId' = $2`, [fx.locationId, contact.id]);
      expect(events.rows.filter((e) => e.data.messageType === 'TYPE_ACTIVITY_INVOICE').length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(events.rows.filter((e) => e.data.messageType === 'TYPE_ACTIVITY_INVOICE'))).not.toContain(token);
      const row = (await server.pool.query('SELECT pay_token, pay_token_hash, link_delivery FROM invoices WHERE id = $1', [inv.id])).rows[0];
      expect(JSON.stringify(row.link_delivery)).not.toContain(token);
      // What the database keeps: the sha256 (what the page looks up) and the token sealed — neither is the link.
      expect(row.pay_token).not.toContain(token);
      expect(Buffer.from(row.pay_token_hash).toString('base64url')).not.toBe(token);
      expect((await fetch(`${proc.url}/pay/${Buffer.from(row.pay_token_hash).toString('base64url')}`)).status).toBe(404);
    } finally {
      await proc.stop();
    }
  });
});

describe('security headers', () => {
  it('HSTS only once PUBLIC_URL is https', async () => {
    expect((await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const https = await startTestServer({ PUBLIC_URL: 'https://inbox.example' }, server.databaseUrl);
    try {
      for (const path of ['/healthz', '/api/v1/me', '/api/docs']) {
        expect((await fetch(`${https.url}${path}`)).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
      }
    } finally {
      await https.stop();
    }
  });

  it('a Content-Security-Policy on the API documentation', async () => {
    for (const path of ['/api/docs', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js']) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBeLessThan(400);
      const csp = res.headers.get('content-security-policy');
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });
});
