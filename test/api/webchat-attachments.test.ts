/**
 * Files in web chat, both ways, over real HTTP and WebSockets: a visitor's image (checked by
 * content, size-limited, rate-limited, behind the origin guard) reaching the team live, a team
 * reply with a PDF reaching the visitor's socket, and who may fetch which file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type LiveSocket } from '../helpers/client';
import { deliver } from '../helpers/data';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// The start of a Windows executable.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
const sockets: LiveSocket[] = [];

// Each visitor behind its own address (X-Forwarded-For), so the per-IP upload limit counts only where a test means it to.
let ips = 0;
const ownIp = () => ({ 'x-forwarded-for': `198.51.100.${++ips}` });
const visitor = (origin: string | null = SITE, locationId = fx.locationId, headers: Record<string, string> = ownIp()) =>
  new WidgetVisitor(server.url, locationId, origin, headers);
async function started(headers: Record<string, string> = ownIp()): Promise<WidgetVisitor> {
  const v = visitor(SITE, fx.locationId, headers);
  expect((await v.start()).status).toBe(201);
  return v;
}
const track = (s: LiveSocket) => (sockets.push(s), s);
const conversationOf = async (v: WidgetVisitor) =>
  (
    await server.pool.query(
      `SELECT cv.id, cv.contact_id FROM webchat_visitors w JOIN contact_identities ci ON ci.location_id = w.location_id AND ci.kind = 'webchat' AND ci.value = w.id::text
         JOIN conversations cv ON cv.location_id = w.location_id AND cv.contact_id = ci.contact_id
        WHERE w.id = $1`,
      [v.id],
    )
  ).rows[0] as { id: string; contact_id: string };
const teamUpload = async (name: string, bytes: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await admin.request('POST', '/api/v1/attachments', f);
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string };
};
const storedCount = async () =>
  (await server.pool.query('SELECT count(*)::int AS n FROM attachments WHERE location_id = $1 AND visitor_id IS NOT NULL', [fx.locationId])).rows[0].n;

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true', WEBCHAT_MAX_UPLOAD_MB: '1' });
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
  const other = await ApiClient.signedIn(server.url, fx.stranger);
  expect((await other.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await server.stop();
});

describe('a visitor sends an image', () => {
  it('is uploaded, sent, seen by the team live and in the thread, and fetched back by the visitor', async () => {
    const agentWs = track(await admin.socket());
    await agentWs.ready();
    const v = await started();
    expect((await v.request('GET', '/config')).body.maxUploadBytes).toBe(1024 * 1024);

    const up = await v.upload('before photo.png', PNG);
    expect(up.status).toBe(201);
    expect(up.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(up.body).toEqual({
      id: expect.any(String),
      fileName: 'before photo.png',
      contentType: 'image/png',
      size: PNG.length,
      url: `/widget/v1/${fx.locationId}/attachments/${up.body.id}`,
    });
    const sent = await v.send({ attachments: [up.body.id], clientId: 'photo-0001' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'inbound', body: null, attachments: [up.body] });
    // A retried send answers the stored message, files included.
    expect((await v.send({ attachments: [up.body.id], clientId: 'photo-0001' })).body).toEqual(sent.body);

    const frames = await agentWs.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.id === sent.body.id));
    const created = frames.find((x) => x.type === 'message.created' && x.data.id === sent.body.id)!.data;
    expect(created).toMatchObject({ messageType: 'TYPE_LIVE_CHAT', direction: 'inbound', attachments: [{ id: up.body.id, fileName: 'before photo.png', contentType: 'image/png' }] });
    const conv = await conversationOf(v);
    // The list's preview of a file-only message names the file.
    expect((await admin.get(`/api/v1/conversations/${conv.id}`)).body.lastMessage.body).toBe('📎 before photo.png');
    const thread = await admin.get(`/api/v1/conversations/${conv.id}/messages`);
    expect(thread.body.items[0].attachments[0].url).toBe(`/api/v1/attachments/${up.body.id}/content`);
    const teamGot = await fetch(server.url + thread.body.items[0].attachments[0].url, { headers: { cookie: admin.cookie! } });
    expect(Buffer.from(await teamGot.arrayBuffer()).equals(PNG)).toBe(true);

    const got = await v.fetchFile(up.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await v.messages()).body.items.map((m: any) => m.attachments)).toEqual([[up.body]]);
  });

  it('sends text and files together; an empty message is refused', async () => {
    const v = await started();
    const up = await v.upload('consent.pdf', PDF);
    expect(up.status).toBe(201);
    expect(up.body.contentType).toBe('application/pdf');
    const sent = await v.send({ body: 'Signed form attached', attachments: [up.body.id] });
    expect(sent.body).toMatchObject({ body: 'Signed form attached', attachments: [{ fileName: 'consent.pdf' }] });
    const empty = await v.send({ body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/write a message or attach a file/);
  });
});

describe('uploads are checked', () => {
  it('refuses a disguised executable, and anything but images and PDFs, by content (415); nothing is stored', async () => {
    const v = await started();
    const before = await storedCount();
    for (const name of ['photo.png', 'results.pdf', 'photo.jpg']) {
      const res = await v.upload(name, EXE);
      expect(res.status, name).toBe(415);
      expect(res.body.error.code).toBe('attachment_type_not_allowed');
      expect(res.body.error.message).toMatch(/contains EXE data|is not a valid/);
    }
    for (const [name, bytes] of [['setup.exe', EXE], ['notes.txt', Buffer.from('hello')], ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')]] as const) {
      const res = await v.upload(name, bytes);
      expect(res.status, name).toBe(415);
      expect(res.body.error.message).toBe(`"${name}" is not a supported file type. Allowed: .jpg .jpeg .png .gif .pdf.`);
    }
    expect(await storedCount()).toBe(before);
  });

  it('refuses a file above the visitor limit with 413 and says the limit', async () => {
    const v = await started();
    const res = await v.upload('huge.png', Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: '"huge.png" is larger than 1 MB, the largest file that can be sent.' });
  });

  it('applies the origin guard and needs the visitor token', async () => {
    const v = await started();
    const evil = visitor('https://evil.example');
    evil.token = v.token;
    const refused = await evil.upload('photo.png', PNG);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');
    expect((await visitor().upload('photo.png', PNG)).status).toBe(401);
  });

  it('limits uploads per visitor, and per IP across visitors (429)', async () => {
    const v = await started({ 'x-forwarded-for': '203.0.113.50' });
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await v.upload(`p${i}.png`, PNG)).status);
    expect(answers.slice(0, 10).every((s) => s === 201)).toBe(true);
    const last = await v.upload('one-more.png', PNG);
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
    expect(last.headers.get('access-control-allow-origin')).toBe(SITE);

    // New visitors from the same address share the address's budget (30 a minute).
    const ip = { 'x-forwarded-for': '203.0.113.51' };
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) {
      const w = await started(ip);
      for (let i = 0; i < 8; i++) statuses.push((await w.upload(`q${i}.png`, PNG)).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

describe('who may fetch or send a file', () => {
  it('another visitor, another location’s visitor and the team API files are unknown (404)', async () => {
    const a = await started();
    const b = await started();
    const upA = (await a.upload('mine.png', PNG)).body;
    // Not sent yet: only its uploader.
    expect((await a.fetchFile(upA.url)).status).toBe(200);
    expect((await b.fetchFile(upA.url)).status).toBe(404);
    expect((await b.send({ attachments: [upA.id] })).status).toBe(404);
    // The team cannot send a visitor's upload either.
    await a.say('Hello');
    const conv = await conversationOf(a);
    const teamTry = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'Live_Chat', body: 'x', attachments: [upA.id] });
    expect(teamTry.status).toBe(404);

    expect((await a.send({ attachments: [upA.id] })).status).toBe(201);
    expect((await b.fetchFile(upA.url)).status).toBe(404);
    // Another location's visitor: their token is unknown here, and their location has no such file.
    const elsewhere = visitor(SITE, fx.otherLocationId);
    expect((await elsewhere.start()).status).toBe(201);
    expect((await elsewhere.fetchFile(`/widget/v1/${fx.otherLocationId}/attachments/${upA.id}`)).status).toBe(404);
    const borrowed = visitor(SITE, fx.locationId);
    borrowed.token = elsewhere.token;
    expect((await borrowed.fetchFile(upA.url)).status).toBe(401);

    // The team's files: an unsent upload, and a file of the same conversation on another channel.
    const unsent = await teamUpload('price list.pdf', PDF);
    const sms = await teamUpload('mms.png', PNG);
    await deliver(server.pool, { locationId: fx.locationId, contactId: conv.contact_id, body: 'by MMS', attachmentIds: [sms.id] });
    for (const id of [unsent.id, sms.id]) expect((await a.fetchFile(`/widget/v1/${fx.locationId}/attachments/${id}`)).status).toBe(404);
    // This visitor's token means nothing on the other location's route.
    expect((await a.fetchFile(`/widget/v1/${fx.otherLocationId}/attachments/${upA.id}`)).status).toBe(401);
  });
});

describe('the team replies with a file', () => {
  it('reaches the visitor socket with a link the visitor can fetch', async () => {
    const v = await started();
    await v.say('Can you send me the aftercare sheet?');
    const conv = await conversationOf(v);
    const ws = track(await v.socket());
    await ws.waitFor((f) => f.some((x) => x.type === 'ready'));

    const pdf = await teamUpload('Aftercare.pdf', PDF);
    const reply = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'Live_Chat', body: 'Here it is', attachments: [pdf.id] });
    expect(reply.status).toBe(201);
    const frames = await ws.waitFor((f) => f.some((x) => x.type === 'message' && x.message.id === reply.body.id));
    const frame = frames.find((x) => x.type === 'message' && x.message.id === reply.body.id) as any;
    expect(frame.message).toMatchObject({
      direction: 'outbound',
      body: 'Here it is',
      agent: { name: 'Ada Admin' },
      attachments: [{ id: pdf.id, fileName: 'Aftercare.pdf', contentType: 'application/pdf', size: PDF.length, url: `/widget/v1/${fx.locationId}/attachments/${pdf.id}` }],
    });
    const got = await v.fetchFile(frame.message.attachments[0].url);
    expect(got.status).toBe(200);
    // Not a photo: plain bytes to save (the widget's blob: URLs belong to the clinic's site).
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''Aftercare.pdf`);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    // Another visitor still cannot.
    expect((await (await started()).fetchFile(frame.message.attachments[0].url)).status).toBe(404);
  });
});
