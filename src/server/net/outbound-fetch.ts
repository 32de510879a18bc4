/**
 * The one way the server fetches from a provider (media, recordings, and later WhatsApp, Meta,
 * e-mail remote content, Google photos). Guards against server-side request forgery:
 *
 * - every hop (the first and each redirect) must be a trusted origin (the provider API base URL
 *   as configured, exact scheme + host + port) or an allowed host (e.g. the provider's CDN), over
 *   http or https; anything else is `host_not_allowed`;
 * - hops that are not trusted origins connect only to public unicast addresses (net/address.ts):
 *   the check runs in the DNS lookup the connection itself uses, so the address checked is the
 *   address connected (no DNS-rebinding window), and literal-IP URLs are checked the same;
 * - redirects are followed by hand, at most `maxRedirects`; credentials go only to
 *   `credentialOrigins`, and Authorization/Cookie headers never cross to another origin;
 * - a connect timeout (TCP + TLS) per hop and a total timeout that also covers the body;
 * - a Content-Length above `maxBytes` is refused before reading; the body is counted as it streams
 *   and the connection is cut at the cap, so never more than the cap (plus one chunk) is held.
 *
 * Failures are `OutboundFetchError`s with a `kind` and a `transient` flag (retry or give up).
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { blockedRange } from './address';

export type OutboundFetchErrorKind = 'blocked_address' | 'host_not_allowed' | 'too_large' | 'timeout' | 'http_status' | 'network' | 'too_many_redirects';

export class OutboundFetchError extends Error {
  constructor(
    readonly kind: OutboundFetchErrorKind,
    message: string,
    /** Network trouble, timeouts, 5xx, 408 and 429 may pass on a later try; the rest will not. */
    readonly transient: boolean,
    /** The HTTP status, for `http_status`. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboundFetchError';
  }
}

export interface FetchPolicy {
  /** Origins (the configured provider base URLs) reached whatever address they resolve to. */
  trustedOrigins: string[];
  /** Other hosts a redirect may lead to (exact name or pattern); public addresses only. */
  allowedHosts: (string | RegExp)[];
  /** Origins that receive `credentials`. */
  credentialOrigins: string[];
}

export interface FetchOptions {
  method?: string;
  /** Sent to every hop (Authorization and Cookie only while the origin stays the first one). */
  headers?: Record<string, string>;
  /** Sent only to `credentialOrigins` (e.g. { authorization: 'Basic …' }). */
  credentials?: Record<string, string>;
  body?: Buffer | string;
  /** The largest body accepted, in bytes. */
  maxBytes: number;
  /** Everything, body included; default 30 s. */
  timeoutMs?: number;
  /** Per hop: DNS, TCP and TLS; default 10 s. */
  connectTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
}

export interface FetchedStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Where the answer finally came from. */
  url: string;
  /** At most maxBytes; fails with `too_large` (or `timeout`, `network`) while being read. */
  body: Readable;
}

export interface Fetched extends Omit<FetchedStream, 'body'> {
  bytes: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const SENSITIVE = new Set(['authorization', 'cookie', 'proxy-authorization']);

const fail = (kind: OutboundFetchErrorKind, message: string, transient = false, status?: number) => new OutboundFetchError(kind, message, transient, status);

function asFetchError(err: unknown, where: string): OutboundFetchError {
  if (err instanceof OutboundFetchError) return err;
  const e = err as NodeJS.ErrnoException;
  return fail('network', `${where}: ${e?.code ?? e?.message ?? String(err)}`, true);
}

/** The DNS lookup of guarded connections: every address of the name must be public. */
function guardedLookup(hostname: string, options: LookupOptions, callback: (...args: any[]) => void): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err);
    for (const a of addresses) {
      const range = blockedRange(a.address);
      if (range) return callback(fail('blocked_address', `${hostname} resolves to ${a.address} (${range}), which is not reachable from here.`));
    }
    if (!addresses.length) return callback(fail('network', `${hostname} has no address.`, true));
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
}

/** May this hop be fetched? Answers whether it is trusted (no address check). */
function admit(policy: FetchPolicy, url: URL): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('host_not_allowed', `${url.protocol} URLs are not fetched.`);
  if (policy.trustedOrigins.some((o) => new URL(o).origin === url.origin)) return true;
  const host = url.hostname.toLowerCase();
  if (policy.allowedHosts.some((h) => (typeof h === 'string' ? h.toLowerCase() === host : h.test(host)))) return false;
  throw fail('host_not_allowed', `${url.host} is not a host this fetch may reach.`);
}

interface Hop {
  method: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  guarded: boolean;
  connectTimeoutMs: number;
  signal: AbortSignal;
}

/** One request; answers the response head (the body is not read yet). */
function requestOnce(url: URL, hop: Hop): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (hop.signal.aborted) return reject(hop.signal.reason);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    // A literal IP is connected to without any lookup: check it here.
    const range = hop.guarded && net.isIP(hostname) ? blockedRange(hostname) : null;
    if (range) return reject(fail('blocked_address', `${hostname} (${range}) is not reachable from here.`));
    const tls = url.protocol === 'https:';
    const req = (tls ? https : http).request({
      protocol: url.protocol,
      hostname,
      port: url.port || undefined,
      path: url.pathname + url.search,
      method: hop.method,
      headers: hop.headers,
      agent: false,
      ...(hop.guarded && { lookup: guardedLookup as never }),
    });
    const connectTimer = setTimeout(
      () => req.destroy(fail('timeout', `${url.host} did not connect within ${hop.connectTimeoutMs} ms.`, true)),
      hop.connectTimeoutMs,
    );
    const onAbort = () => req.destroy(hop.signal.reason);
    const settle = () => {
      clearTimeout(connectTimer);
      hop.signal.removeEventListener('abort', onAbort);
    };
    hop.signal.addEventListener('abort', onAbort, { once: true });
    req.once('socket', (socket) => socket.once(tls ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer)));
    req.once('response', (res) => {
      settle();
      resolve(res);
    });
    req.on('error', (err) => {
      settle();
      reject(asFetchError(err, url.host));
    });
    req.end(hop.body);
  });
}

/** The response body through a byte counter that cuts the connection at the cap. */
function limited(res: IncomingMessage, maxBytes: number, where: string, signal: AbortSignal): Readable {
  let seen = 0;
  const body = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(fail('too_large', `${where} answered more than ${maxBytes} bytes.`));
      done(null, chunk);
    },
  });
  const onAbort = () => body.destroy(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  res.on('error', (err) => body.destroy(asFetchError(err, where)));
  body.once('close', () => {
    signal.removeEventListener('abort', onAbort);
    res.destroy(); // stops reading at once when the body failed or was abandoned
  });
  res.pipe(body);
  return body;
}

/** Fetches `url` under `policy`; answers a 2xx response whose body is read as a stream. */
export async function safeFetchStream(policy: FetchPolicy, url: string, opts: FetchOptions): Promise<FetchedStream> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(fail('timeout', `No complete answer within ${timeoutMs} ms.`, true)), timeoutMs);
  try {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw fail('host_not_allowed', 'Not a valid URL.');
    }
    const firstOrigin = current.origin;
    const credentialOrigins = new Set(policy.credentialOrigins.map((o) => new URL(o).origin));
    let method = (opts.method ?? 'GET').toUpperCase();
    let body = opts.body;
    for (let redirects = 0; ; redirects++) {
      const guarded = !admit(policy, current);
      const headers: Record<string, string> = { 'accept-encoding': 'identity' };
      for (const [k, v] of Object.entries(opts.headers ?? {})) {
        if (current.origin === firstOrigin || !SENSITIVE.has(k.toLowerCase())) headers[k] = v;
      }
      if (credentialOrigins.has(current.origin)) Object.assign(headers, opts.credentials);
      const res = await requestOnce(current, { method, headers, body, guarded, connectTimeoutMs: opts.connectTimeoutMs ?? 10_000, signal: deadline.signal });
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        const location = res.headers.location;
        if (!location) throw fail('http_status', `${current.host} answered ${status} without a Location.`, false, status);
        if (redirects >= (opts.maxRedirects ?? 5)) throw fail('too_many_redirects', `More than ${opts.maxRedirects ?? 5} redirects.`);
        try {
          current = new URL(location, current);
        } catch {
          throw fail('host_not_allowed', `${current.host} redirected to an invalid URL.`);
        }
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw fail('http_status', `${current.host} answered ${status}.`, status >= 500 || status === 408 || status === 429, status);
      }
      const length = Number(res.headers['content-length']);
      if (Number.isFinite(length) && length > opts.maxBytes) {
        res.destroy();
        throw fail('too_large', `${current.host} announced ${length} bytes; at most ${opts.maxBytes} are accepted.`);
      }
      const stream = limited(res, opts.maxBytes, current.host, deadline.signal);
      stream.once('close', () => clearTimeout(timer));
      return { status, headers: res.headers, url: current.href, body: stream };
    }
  } catch (err) {
    clearTimeout(timer);
    throw asFetchError(err, 'fetch');
  }
}

/** As safeFetchStream, with the body read into memory (never more than maxBytes). */
export async function safeFetch(policy: FetchPolicy, url: string, opts: FetchOptions): Promise<Fetched> {
  const { body, ...rest } = await safeFetchStream(policy, url, opts);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk as Buffer);
  } catch (err) {
    throw asFetchError(err, rest.url);
  }
  return { ...rest, bytes: Buffer.concat(chunks) };
}
