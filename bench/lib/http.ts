/**
 * A lean HTTP client for the load generator: node:http with keep-alive sockets (less client CPU
 * per request than fetch, which matters when client and server share two cores).
 */
import http from 'node:http';

export interface Res {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export class Http {
  readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;
  headers: Record<string, string> = {};

  constructor(readonly baseUrl: string, maxSockets = 64) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Res> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.host, port: this.port, method, path, agent: this.agent, headers: { ...this.headers, ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  async json<T = any>(method: string, path: string, payload?: unknown): Promise<T> {
    const res = await this.request(method, path, payload === undefined ? undefined : JSON.stringify(payload), payload === undefined ? {} : { 'content-type': 'application/json' });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as T;
  }

  close() {
    this.agent.destroy();
  }
}

/** Signs in over the API; the client then carries the session cookie and CSRF token. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Http & { cookie: string; userId: string; locationId: string }> {
  const h = new Http(baseUrl);
  const res = await h.request('POST', '/api/v1/auth/login', JSON.stringify({ email, password }), { 'content-type': 'application/json' });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  const body = JSON.parse(res.body);
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
  h.headers = { cookie, 'x-csrf-token': body.csrfToken };
  const me = await h.json('GET', '/api/v1/me');
  return Object.assign(h, { cookie, userId: me.user?.id ?? me.id, locationId: me.location?.id ?? me.currentLocation?.id ?? me.locationId });
}
