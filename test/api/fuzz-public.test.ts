/**
 * Every public endpoint — Twilio's and Stripe's webhooks, the chat widget's API, the pay page,
 * public media links, login — driven with generated malformed input (fast-check): arbitrary
 * bodies and content types, headers, query strings and path segments; for the webhooks also
 * correctly signed requests whose content is malformed, and for the widget a real visitor sending
 * bad messages, details and files. Each answer must be below 500 and nothing may be stored.
 *
 * Seeded: FUZZ_SEED=<n> replays a run (FUZZ_RUNS=<n> requests per group, default 120); a failure
 * prints its seed and the shrunk request.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/server/channels/twilio/signature';
import { stripeSignatureHeader } from '../../src/server/invoices/stripe-signature';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { ACCOUNT_SID, AUTH_TOKEN, connectTwilio, inboundSms, messageSid } from '../helpers/twilio';
import { WidgetVisitor } from '../helpers/widget';

const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS) || 120;
const SITE = 'https://glow-clinic.example';
const PRACTICE = '+12125550177';
const WHSEC = 'whsec_fuzz_0123456789abcdef';
const NUL = '\u0000';

let server: TestServer;
let fx: Fixture;
let tokens: string[] = [];
let baseline: Record<string, number>;

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | { file: Uint8Array; name: string };
}

// ---- what is stored -----------------------------------------------------------------------------

const STORED = `SELECT
  (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM contacts)::int AS contacts,
  (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM webchat_visitors)::int AS visitors,
  (SELECT count(*) FROM attachments)::int AS attachments, (SELECT count(*) FROM sessions)::int AS sessions,
  (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM stripe_events)::int AS stripe_events,
  (SELECT count(*) FROM invoice_transactions)::int AS transactions, (SELECT count(*) FROM provider_status_inbox)::int AS status_inbox,
  (SELECT count(*) FROM notifications)::int AS notifications,
  (SELECT count(*) FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier NOT IN ('cleanup_unsent_uploads', 'prune_events', 'prune_rate_limits'))::int AS jobs`;
const stored = async () => (await server.pool.query(STORED)).rows[0] as Record<string, number>;

async function send(r: Req): Promise<number> {
  let body: BodyInit | undefined;
  if (r.body instanceof Uint8Array || typeof r.body === 'string') body = r.body as BodyInit;
  else if (r.body) {
    const f = new FormData();
    f.append('file', new Blob([r.body.file as Uint8Array<ArrayBuffer>]), r.body.name);
    body = f;
  }
  const res = await fetch(server.url + r.path, { method: r.method, headers: r.headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : body });
  await res.arrayBuffer();
  return res.status;
}

/** The property every public endpoint must hold: an answer below 500, and nothing stored. */
const holds = (arb: fc.Arbitrary<Req>, runs = RUNS) =>
  fc.assert(
    fc.asyncProperty(arb, async (r) => {
      const status = await send(r);
      expect(status, `${r.method} ${r.path}`).toBeLessThan(500);
      expect(await stored()).toEqual(baseline);
    }),
    { seed: SEED, numRuns: runs, endOnFailure: true },
  );

// ---- building blocks ----------------------------------------------------------------------------

/** Percent-encodes every byte: any string (lone surrogates, NUL, slashes) becomes one path segment. */
const segment = (s: string) => Array.from(Buffer.from(s, 'utf8'), (b) => '%' + b.toString(16).padStart(2, '0')).join('');
const ascii = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, ''));
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', NUL, `a${NUL}b`, '💥'.repeat(50), 'x'.repeat(6000), '%', '..', '../../etc/passwd', '\ud800', '<svg onload=alert(1)>'),
);
const garbageSegment = fc.oneof(
  text.map(segment),
  fc.constantFrom('%', '%E0%A4%A', '%00', '%2e%2e', 'null', 'undefined', '-1', '0', '1e999', 'SM' + 'z'.repeat(32)),
);
const uuid = fc.uuid();
const ip = fc.ipV4();
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=fuzz',
    'multipart/form-data',
    'application/octet-stream',
    'application/json; charset=utf-16',
    'application/xml',
    'image/png',
  ),
  ascii,
);
const jsonText = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.dictionary(text, text, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.constantFrom('{', '{"a":', '[[[[[[[[[[', 'nul', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"y":1}}}', `{"a":"\\u0000"}`, '1'.repeat(400)),
);
const formText = fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 8 }).map((o) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
});
const rawBody = fc.oneof(
  fc.constant(undefined),
  jsonText,
  formText,
  text,
  fc.uint8Array({ maxLength: 2000 }),
  fc.constantFrom('--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nxx\r\n--fuzz--', '--fuzz--'),
);
const queryString = fc.oneof(
  fc.constant(''),
  fc.dictionary(text, text, { maxKeys: 4 }).map((o) => '?' + new URLSearchParams(o).toString()),
  fc.constantFrom('?', '?a', '?a=1&a=2&a=3', '?token=%00', '?cursor=%FF', '?after=not-a-uuid', '?%=%', '?limit=-1&limit=1e9'),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Arbitrary extra headers a client might send (each request from its own address: limits stay out of the way). */
const headers = (extra: Partial<Record<string, fc.Arbitrary<string | undefined>>> = {}) =>
  fc
    .record({
      'content-type': maybe(contentType),
      'x-forwarded-for': ip,
      origin: maybe(fc.oneof(fc.constantFrom(SITE, 'https://evil.example', 'null', SITE + '/'), ascii)),
      authorization: maybe(fc.oneof(ascii.map((s) => `Bearer ${s}`), ascii)),
      'x-twilio-signature': maybe(ascii),
      'stripe-signature': maybe(fc.oneof(ascii, fc.constantFrom('t=1,v1=abc', 't=,v1=', 't=99999999999,v1=' + 'a'.repeat(64)))),
      ...extra,
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined)));

const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');

// ---- Twilio ---------------------------------------------------------------------------------------

const TWILIO_PATHS = ['sms', 'sms-status', 'voice', 'voice-dial', 'voice-connect', 'voice-status', 'recording'].map((p) => `/webhooks/twilio/${p}`);

const twilioUnsigned = fc.record({
  method: fc.oneof(fc.constant('POST'), anyMethod),
  path: fc.tuple(fc.constantFrom(...TWILIO_PATHS), queryString).map(([p, q]) => p + q),
  headers: headers(),
  body: rawBody,
});

const CALL_SID = () => 'CA' + messageSid().slice(2);
/** A well-formed webhook of each kind, then broken on purpose (so nothing may be stored), signed with the real token. */
const VALID: Record<string, () => Record<string, string>> = {
  '/webhooks/twilio/sms': () => inboundSms('+19175550123', PRACTICE, 'fuzz'),
  '/webhooks/twilio/sms-status': () => ({ MessageSid: messageSid(), MessageStatus: 'delivered', AccountSid: ACCOUNT_SID, From: PRACTICE, To: '+19175550123' }),
  '/webhooks/twilio/voice': () => ({ CallSid: CALL_SID(), AccountSid: ACCOUNT_SID, From: '+19175550123', To: PRACTICE, CallStatus: 'ringing', Direction: 'inbound' }),
};
const REQUIRED: Record<string, { key: string; valid: (v: string) => boolean }[]> = {
  '/webhooks/twilio/sms': [
    { key: 'MessageSid', valid: (v) => /^(SM|MM)[0-9a-fA-F]{32}$/.test(v) },
    { key: 'From', valid: (v) => /^\+[1-9]\d{6,14}$/.test(v.replace(/^whatsapp:/, '')) },
  ],
  '/webhooks/twilio/sms-status': [{ key: 'MessageStatus', valid: (v) => /^(accepted|scheduled|queued|sending|sent|delivered|read|undelivered|failed|canceled)$/i.test(v) }],
  '/webhooks/twilio/voice': [{ key: 'CallSid', valid: (v) => /^CA[0-9a-fA-F]{32}$/.test(v) }],
};

const twilioSigned = fc
  .record({
    path: fc.constantFrom(...Object.keys(VALID)),
    how: fc.constantFrom('nul-value', 'nul-key', 'drop', 'garbage'),
    pick: fc.nat(),
    junk: text,
    extra: fc.dictionary(fc.string({ maxLength: 12 }), text, { maxKeys: 4 }),
    ip,
  })
  .map(({ path, how, pick, junk, extra, ip }) => {
    const params: Record<string, string> = { ...VALID[path](), ...extra };
    const required = REQUIRED[path][pick % REQUIRED[path].length];
    if (how === 'nul-value') {
      const keys = Object.keys(params);
      const k = keys[pick % keys.length];
      params[k] = `${params[k]}${NUL}`;
    } else if (how === 'nul-key') params[`X${NUL}${junk}`] = 'x';
    else if (how === 'drop') {
      delete params[required.key];
      if (required.key === 'MessageSid') delete params.SmsSid;
    } else params[required.key] = required.valid(junk) ? `${junk}!` : junk;
    const signature = twilioSignature(AUTH_TOKEN, server.url + path, params);
    const body = new URLSearchParams(params).toString();
    return { method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'x-forwarded-for': ip }, body } satisfies Req;
  });

// ---- Stripe ---------------------------------------------------------------------------------------

const stripePath = fc.oneof(fc.constant('own'), uuid, garbageSegment);
const isEvent = (t: string) => {
  try {
    const e = JSON.parse(t);
    return typeof e?.id === 'string' && typeof e.type === 'string' && typeof e.data?.object === 'object' && !!e.data.object;
  } catch {
    return false;
  }
};
const stripeSignedPayload = fc.oneof(
  jsonText.filter((t) => !isEvent(t)),
  text.filter((t) => !isEvent(t)),
  // Shaped like an event, but with NUL in what would be stored.
  fc.tuple(fc.constantFrom('id', 'type'), fc.string({ maxLength: 10 })).map(([k, s]) =>
    JSON.stringify({ id: 'evt_fuzz', type: 'payment_intent.succeeded', data: { object: { metadata: { invoice_id: 'x' } } }, [k]: `${s}${NUL}` }),
  ),
);
const stripe = fc.oneof(
  fc.record({ method: fc.oneof(fc.constant('POST'), anyMethod), path: stripePath, headers: headers(), body: rawBody }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('own'), headers: headers({ 'content-type': fc.constant('application/json') }), body: stripeSignedPayload }).map((r) => ({
    ...r,
    headers: { ...r.headers, 'stripe-signature': stripeSignatureHeader(WHSEC, r.body as string) },
  })),
).map((r) => ({ ...r, path: `/webhooks/stripe/${r.path === 'own' ? fx.locationId : r.path}` }) satisfies Req);

// ---- the widget -----------------------------------------------------------------------------------

const WIDGET_ROUTES = ['config', 'visitors', 'messages', 'profile', 'typing', 'attachments', 'ws'];
const widgetStranger = fc
  .record({
    method: anyMethod,
    location: fc.oneof(uuid, garbageSegment, fc.constant('own')),
    route: fc.oneof(fc.constantFrom(...WIDGET_ROUTES), uuid.map((u) => `attachments/${u}`), garbageSegment),
    query: queryString,
    headers: headers(),
    body: rawBody,
  })
  // The own location with its allowed origin would make a real visitor: there, anything but SITE.
  .filter((r) => !(r.location === 'own' && r.route === 'visitors' && r.method === 'POST' && (r.headers.origin === SITE || r.headers.origin === SITE + '/')))
  .map((r) => ({ method: r.method, path: `/widget/v1/${r.location === 'own' ? fx.locationId : r.location}/${r.route}${r.query}`, headers: r.headers, body: r.body }) satisfies Req);

const badMessage = fc.oneof(
  fc.record({ body: fc.oneof(fc.integer(), fc.boolean(), fc.array(text, { maxLength: 2 }), fc.constantFrom('   ', '', 'x'.repeat(5001)), text.map((t) => `${t}${NUL}`)) }),
  fc.record({ body: maybe(text.filter((t) => !t.includes(NUL))), attachments: fc.oneof(fc.array(uuid, { minLength: 1, maxLength: 3 }), fc.array(text, { minLength: 1, maxLength: 3 }), fc.array(uuid, { minLength: 11, maxLength: 12 })) }),
  fc.record({ body: fc.constant('hello'), clientId: fc.oneof(fc.constantFrom('short', 'has space!!', 'x'.repeat(65), NUL.repeat(10)), fc.integer()) }),
  fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => k !== 'body' && k !== 'attachments'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
);
const badProfile = fc.oneof(
  fc.record({ name: fc.oneof(fc.integer(), fc.constantFrom('', ' ', 'x'.repeat(101)), text.map((t) => `${t}${NUL}`)) }),
  fc.record({ email: fc.oneof(text.filter((t) => !t.includes('@')), fc.integer(), fc.constant(`a${NUL}@b.co`)) }),
  fc.record({ phone: fc.oneof(fc.integer(), fc.constantFrom('', '1', 'x'.repeat(41)), text.map((t) => `+1212555${t}${NUL}`)) }),
  fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => !['name', 'email', 'phone'].includes(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);
const FILE_NAMES = ['photo.png', 'photo.jpg', 'doc.pdf', 'pic.gif', 'image.svg', 'run.exe', 'noext', 'a.png.exe', '', '../../x.png', `x${NUL}.png`];
const badFile = fc.record({
  file: fc.uint8Array({ maxLength: 3000 }),
  name: fc.oneof(fc.constantFrom(...FILE_NAMES), text),
});

/** A raw body that happens to be a real message or details (JSON naming their fields) is not malformed: left out. */
function wouldBeValid(raw: Req['body']): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const v = JSON.parse(raw);
    return !!v && typeof v === 'object' && ['body', 'attachments', 'name', 'email', 'phone'].some((k) => k in v);
  } catch {
    return false;
  }
}

const widgetVisitor = fc
  .record({
    visitor: fc.nat(),
    ip,
    call: fc.oneof(
      badMessage.map((b) => ({ method: 'POST', route: 'messages', json: b as unknown })),
      badProfile.map((b) => ({ method: 'PUT', route: 'profile', json: b as unknown })),
      fc.jsonValue({ maxDepth: 2 }).map((b) => ({ method: 'POST', route: 'typing', json: b as unknown })),
      queryString.map((q) => ({ method: 'GET', route: `messages${q}`, json: undefined })),
      fc.oneof(uuid, garbageSegment).map((id) => ({ method: 'GET', route: `attachments/${id}`, json: undefined })),
      badFile.map((f) => ({ method: 'POST', route: 'attachments', json: undefined, file: f })),
      fc
        .tuple(rawBody, contentType, fc.constantFrom('messages', 'profile', 'typing', 'attachments'))
        .filter(([raw]) => !wouldBeValid(raw))
        .map(([raw, type, route]) => ({ method: 'POST', route, json: undefined, raw, type })),
    ),
  })
  .map(({ visitor, ip, call }) => {
    const h: Record<string, string> = { origin: SITE, authorization: `Bearer ${tokens[visitor % tokens.length]}`, 'x-forwarded-for': ip };
    const c = call as { method: string; route: string; json: unknown; file?: { file: Uint8Array; name: string }; raw?: Req['body']; type?: string };
    let body: Req['body'];
    if (c.file) body = c.file;
    else if (c.json !== undefined) {
      h['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    } else if (c.raw !== undefined) {
      h['content-type'] = c.type!;
      body = c.raw;
    }
    return { method: c.method, path: `/widget/v1/${fx.locationId}/${c.route}`, headers: h, body } satisfies Req;
  });

// ---- pay page, media, login -------------------------------------------------------------------------

const payPage = fc.record({
  method: fc.oneof(fc.constant('GET'), anyMethod),
  path: fc.tuple(fc.oneof(garbageSegment, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)), queryString).map(([t, q]) => `/pay/${t}${q}`),
  headers: headers(),
  body: rawBody,
});
const media = fc.record({
  method: fc.oneof(fc.constant('GET'), anyMethod),
  path: fc
    .tuple(fc.oneof(uuid, garbageSegment, fc.constant('own')), fc.oneof(uuid, garbageSegment), fc.oneof(queryString, fc.tuple(fc.integer(), ascii).map(([e, s]) => `?exp=${e}&sig=${encodeURIComponent(s)}`)))
    .map(([l, id, q]) => `/media/${l === 'own' ? fx.locationId : l}/${id}${q}`),
  headers: headers(),
  body: rawBody,
});
const login = fc.oneof(
  fc.record({ method: fc.constant('POST'), path: fc.constant('/api/v1/auth/login'), headers: headers(), body: rawBody }),
  fc
    .record({ email: fc.oneof(fc.emailAddress(), text, fc.integer()), password: fc.oneof(text, fc.integer(), fc.constant(null)), ip })
    .map(({ email, password, ip }) => ({
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    })),
);

// ---- the runs ---------------------------------------------------------------------------------------

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true', WEBHOOK_RATE_LIMIT: '1000000', WIDGET_IP_RATE_LIMIT: '1000000' });
  fx = await standardFixture(server.pool);
  const admin = await ApiClient.signedIn(server.url, fx.admin);
  await connectTwilio(admin, PRACTICE);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
  expect((await admin.put('/api/v1/integrations/stripe', { webhookSecret: WHSEC })).status).toBe(200);
  // Twenty visitors (a visitor may send 30 messages a minute), each started from its own address.
  tokens = [];
  for (let i = 0; i < 20; i++) {
    const v = new WidgetVisitor(server.url, fx.locationId, SITE, { 'x-forwarded-for': `198.51.100.${i + 1}` });
    expect((await v.start()).status).toBe(201);
    tokens.push(v.token!);
  }
  baseline = await stored();
}, 60_000);
afterAll(() => server.stop());

describe(`public endpoints under generated malformed input (seed ${SEED}): no 5xx, nothing stored`, () => {
  it('Twilio webhooks, unsigned or wrongly signed', () => holds(twilioUnsigned), 60_000);
  it('Twilio webhooks, signed but malformed', () => holds(twilioSigned), 60_000);
  it('the Stripe webhook', () => holds(stripe), 60_000);
  it('the widget, from strangers (unknown origin, location or token)', () => holds(widgetStranger), 60_000);
  it('the widget, from real visitors sending bad messages, details and files', () => holds(widgetVisitor), 60_000);
  it('the pay page and public media links', () => holds(fc.oneof(payPage, media)), 60_000);
  it('login', () => holds(login), 60_000);
});
