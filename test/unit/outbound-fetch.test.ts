/**
 * The outbound-fetch guard against real local HTTP servers: address checks (literal, by name,
 * after a redirect), the host allow-list, credentials kept to their origin, redirect limits, size
 * caps (announced and streamed) and timeouts.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { blockedRange } from '../../src/server/net/address';
import { OutboundFetchError, safeFetch, safeFetchStream, type FetchPolicy } from '../../src/server/net/outbound-fetch';

interface Hit {
  url: string;
  method: string;
  authorization?: string;
  cookie?: string;
}
interface Local {
  url: string;
  port: number;
  hits: Hit[];
  close(): Promise<void>;
}

const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A local HTTP server that records every request it gets. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Local> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ url: req.url!, method: req.method!, authorization: req.headers.authorization, cookie: req.headers.cookie });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const local = {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  servers.push(local);
  return local;
}

const ok = (body = 'hello') => (_req: http.IncomingMessage, res: http.ServerResponse) => res.end(body);
const redirectTo = (location: string, status = 302) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(status, { location }).end();
const policy = (p: Partial<FetchPolicy>): FetchPolicy => ({ trustedOrigins: [], allowedHosts: [], credentialOrigins: [], ...p });
const BASIC = { authorization: 'Basic c2VjcmV0' };

async function failure(p: Promise<unknown>): Promise<OutboundFetchError> {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(OutboundFetchError);
  return err as OutboundFetchError;
}

describe('address classes', () => {
  it('refuse loopback, private, link-local, metadata, CGNAT, unspecified, multicast and their IPv6 forms', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd12::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '::7f00:1', '2001:db8::1']) {
      expect(blockedRange(a), a).not.toBeNull();
    }
    for (const a of ['8.8.8.8', '54.172.60.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) expect(blockedRange(a), a).toBeNull();
  });
});

describe('safeFetch', () => {
  it('refuses a private address that is not a trusted origin: literal, by name, and the metadata address', async () => {
    const internal = await serve(ok('internal secret'));
    const byIp = await failure(safeFetch(policy({ allowedHosts: ['127.0.0.1'] }), `${internal.url}/admin`, { maxBytes: 1000 }));
    expect(byIp).toMatchObject({ kind: 'blocked_address', transient: false });
    const byName = await failure(safeFetch(policy({ allowedHosts: ['localhost'] }), `http://localhost:${internal.port}/admin`, { maxBytes: 1000 }));
    expect(byName).toMatchObject({ kind: 'blocked_address', transient: false });
    const mapped = await failure(safeFetch(policy({ allowedHosts: ['[::ffff:7f00:1]'] }), `http://[::ffff:127.0.0.1]:${internal.port}/`, { maxBytes: 1000 }));
    expect(mapped.kind).toBe('blocked_address');
    const metadata = await failure(safeFetch(policy({ allowedHosts: ['169.254.169.254'] }), 'http://169.254.169.254/latest/meta-data/', { maxBytes: 1000 }));
    expect(metadata.kind).toBe('blocked_address');
    // Not on the allow-list at all: refused before any lookup.
    expect((await failure(safeFetch(policy({}), `${internal.url}/admin`, { maxBytes: 1000 }))).kind).toBe('host_not_allowed');
    expect(internal.hits).toHaveLength(0);
  });

  it('reaches a trusted origin (the configured provider base) even on a private address, with its credentials', async () => {
    const api = await serve(ok('media bytes'));
    const res = await safeFetch(policy({ trustedOrigins: [api.url + '/'], credentialOrigins: [api.url] }), `${api.url}/file`, { maxBytes: 1000, credentials: BASIC });
    expect(res).toMatchObject({ status: 200, url: `${api.url}/file` });
    expect(res.bytes.toString()).toBe('media bytes');
    expect(api.hits).toEqual([expect.objectContaining({ url: '/file', authorization: BASIC.authorization })]);
    // Same host, another port: another origin, not trusted.
    const other = await serve(ok());
    expect((await failure(safeFetch(policy({ trustedOrigins: [api.url] }), other.url, { maxBytes: 1000 }))).kind).toBe('host_not_allowed');
  });

  it('checks every redirect: to a private address, to a host not allowed, to another scheme', async () => {
    const internal = await serve(ok('internal secret'));
    for (const [location, kind] of [
      [`${internal.url}/admin`, 'blocked_address'],
      [`http://localhost:${internal.port}/admin`, 'blocked_address'],
      ['http://169.254.169.254/latest/meta-data/', 'blocked_address'],
      ['http://evil.example/', 'host_not_allowed'],
      ['file:///etc/passwd', 'host_not_allowed'],
    ] as const) {
      const api = await serve(redirectTo(location));
      const p = policy({ trustedOrigins: [api.url], credentialOrigins: [api.url], allowedHosts: ['127.0.0.1', 'localhost', '169.254.169.254'] });
      expect((await failure(safeFetch(p, `${api.url}/media`, { maxBytes: 1000, credentials: BASIC }))).kind, location).toBe(kind);
      expect(api.hits).toHaveLength(1);
    }
    expect(internal.hits).toHaveLength(0);
  });

  it('follows a redirect to the media store without the credentials (nor Authorization/Cookie headers)', async () => {
    // The CDN stands in as a second origin: it must be trusted to be reachable on 127.0.0.1, but
    // it is not a credential origin.
    const cdn = await serve(ok('picture'));
    const api = await serve(redirectTo(`${cdn.url}/signed/picture?sig=1`, 307));
    const p = policy({ trustedOrigins: [api.url, cdn.url], credentialOrigins: [api.url] });
    const res = await safeFetch(p, `${api.url}/Media/ME1`, { maxBytes: 1000, credentials: BASIC, headers: { cookie: 'a=1', 'x-trace': 't' } });
    expect(res).toMatchObject({ status: 200, url: `${cdn.url}/signed/picture?sig=1` });
    expect(res.bytes.toString()).toBe('picture');
    expect(api.hits[0]).toMatchObject({ authorization: BASIC.authorization, cookie: 'a=1' });
    expect(cdn.hits).toEqual([{ url: '/signed/picture?sig=1', method: 'GET', authorization: undefined, cookie: undefined }]);
  });

  it('turns a POST into a GET after 303 and keeps it after 307', async () => {
    const target = await serve(ok('done'));
    const see = await serve(redirectTo(`${target.url}/a`, 303));
    const keep = await serve(redirectTo(`${target.url}/b`, 307));
    const p = policy({ trustedOrigins: [target.url, see.url, keep.url] });
    await safeFetch(p, see.url, { method: 'POST', body: 'x=1', maxBytes: 100 });
    await safeFetch(p, keep.url, { method: 'POST', body: 'x=1', maxBytes: 100 });
    expect(target.hits.map((h) => `${h.method} ${h.url}`)).toEqual(['GET /a', 'POST /b']);
  });

  it('gives up after too many redirects', async () => {
    const loop = await serve((req, res) => res.writeHead(302, { location: `/again${req.url}` }).end());
    const err = await failure(safeFetch(policy({ trustedOrigins: [loop.url] }), loop.url, { maxBytes: 100, maxRedirects: 3 }));
    expect(err).toMatchObject({ kind: 'too_many_redirects', transient: false });
    expect(loop.hits).toHaveLength(4);
  });

  it('answers HTTP errors with their status, transient for 5xx and 429 only', async () => {
    const down = await serve((_req, res) => res.writeHead(503).end('later'));
    const gone = await serve((_req, res) => res.writeHead(404).end('no'));
    expect(await failure(safeFetch(policy({ trustedOrigins: [down.url] }), down.url, { maxBytes: 100 }))).toMatchObject({ kind: 'http_status', status: 503, transient: true });
    expect(await failure(safeFetch(policy({ trustedOrigins: [gone.url] }), gone.url, { maxBytes: 100 }))).toMatchObject({ kind: 'http_status', status: 404, transient: false });
  });
});

describe('size caps', () => {
  /** A server that writes `chunk` as fast as the client takes it (never past backpressure), counting bytes. */
  async function firehose(head: Record<string, string | number>) {
    const state = { written: 0, closed: null as null | Promise<void> };
    const local = await serve((_req, res) => {
      res.writeHead(200, head);
      const chunk = Buffer.alloc(16 * 1024, 1);
      state.closed = new Promise((r) => res.once('close', () => r()));
      let open = true;
      res.once('close', () => (open = false));
      const pump = () => {
        while (open) {
          state.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    });
    return { local, state };
  }

  // What the kernel may still hold in socket buffers when the connection is cut (receive buffer
  // up to tcp_rmem's 32 MB maximum here, plus the send buffer); measured: about 4 MB.
  const SOCKET_SLACK = 36 * 1024 * 1024;

  it('refuses a Content-Length above the cap without reading the body', async () => {
    const { local, state } = await firehose({ 'content-length': 1_500_000_000 });
    const err = await failure(safeFetch(policy({ trustedOrigins: [local.url] }), local.url, { maxBytes: 5 * 1024 * 1024 }));
    expect(err).toMatchObject({ kind: 'too_large', transient: false });
    expect(err.message).toContain('announced 1500000000 bytes');
    await state.closed; // the connection was closed: the server stops
    expect(state.written).toBeLessThan(SOCKET_SLACK);
  });

  it('cuts an endless chunked body at the cap: the reader never gets more, the server stops writing', async () => {
    const cap = 4 * 1024 * 1024;
    const { local, state } = await firehose({ 'content-type': 'application/octet-stream' });
    const res = await safeFetchStream(policy({ trustedOrigins: [local.url] }), local.url, { maxBytes: cap });
    let read = 0;
    const err = await (async () => {
      for await (const chunk of res.body) read += (chunk as Buffer).length;
    })().catch((e) => e);
    expect(err).toMatchObject({ kind: 'too_large', transient: false });
    expect(read).toBeLessThanOrEqual(cap);
    expect(read).toBeGreaterThan(cap - 128 * 1024);
    await state.closed;
    expect(state.written).toBeGreaterThan(cap);
    expect(state.written).toBeLessThan(cap + SOCKET_SLACK);
  });

  it('streams a body within the cap, and fails the stream once it passes the cap', async () => {
    // Chunked (no Content-Length): only the counter can stop it.
    const small = await serve((_req, res) => {
      res.write('x'.repeat(500));
      res.end('x'.repeat(500));
    });
    const res = await safeFetchStream(policy({ trustedOrigins: [small.url] }), small.url, { maxBytes: 1000 });
    let n = 0;
    for await (const c of res.body) n += (c as Buffer).length;
    expect(n).toBe(1000);
    const over = await safeFetchStream(policy({ trustedOrigins: [small.url] }), small.url, { maxBytes: 999 });
    const err = await (async () => {
      for await (const _ of over.body);
    })().catch((e) => e);
    expect(err).toMatchObject({ kind: 'too_large' });
  });
});

describe('timeouts', () => {
  const sockets: net.Socket[] = [];
  afterEach(() => sockets.forEach((s) => s.destroy()));

  it('times out a connection that never completes its TLS handshake', async () => {
    const silent = net.createServer((s) => void sockets.push(s)); // accepts TCP, never answers TLS
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    servers.push({ close: () => new Promise<void>((r) => silent.close(() => r())) });
    const origin = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    const err = await failure(safeFetch(policy({ trustedOrigins: [origin] }), `${origin}/x`, { maxBytes: 100, connectTimeoutMs: 300, timeoutMs: 10_000 }));
    expect(err).toMatchObject({ kind: 'timeout', transient: true });
    expect(err.message).toContain('did not connect');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out an answer that trickles in for longer than the total timeout', async () => {
    const slow = await serve((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('.'), 50);
      res.once('close', () => clearInterval(t));
    });
    const err = await failure(safeFetch(policy({ trustedOrigins: [slow.url] }), slow.url, { maxBytes: 1_000_000, timeoutMs: 400 }));
    expect(err).toMatchObject({ kind: 'timeout', transient: true });
    expect(err.message).toContain('400 ms');
  });
});
