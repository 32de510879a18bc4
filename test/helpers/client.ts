import WebSocket from 'ws';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** An API client that behaves like a browser: session cookie and CSRF header, or a Bearer key. */
export class ApiClient {
  cookie?: string;
  csrf?: string;
  bearer?: string;

  constructor(readonly baseUrl: string) {}

  static withKey(baseUrl: string, key: string): ApiClient {
    const c = new ApiClient(baseUrl);
    c.bearer = key;
    return c;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !(body instanceof FormData)) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /aix_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `aix_session=${m[1]}` : undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  async login(email: string, password: string): Promise<Res> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }

  static async signedIn(baseUrl: string, user: { email: string; password: string }): Promise<ApiClient> {
    const c = new ApiClient(baseUrl);
    const res = await c.login(user.email, user.password);
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return c;
  }

  /** Opens the real-time socket with this client's credentials. */
  socket(query = ''): Promise<LiveSocket> {
    const url = this.baseUrl.replace(/^http/, 'ws') + '/api/v1/ws' + query;
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    return LiveSocket.open(url, headers);
  }
}

export interface Frame {
  type: string;
  data?: any;
  cursor: string;
  /** Other frame shapes (the web chat visitor's socket: message, name, typing). */
  [field: string]: any;
}

/** A WebSocket that records every frame, with waits on what has arrived. */
export class LiveSocket {
  frames: Frame[] = [];
  closed?: { code: number; reason: string };
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.frames.push(JSON.parse(String(raw)));
      this.waiters.forEach((w) => w());
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.waiters.forEach((w) => w());
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<LiveSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const s = new LiveSocket(ws);
      ws.once('open', () => resolve(s));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  events(): Frame[] {
    return this.frames.filter((f) => f.type !== 'ready' && f.type !== 'resync' && f.type !== 'typing');
  }

  /** Waits until predicate holds over the frames so far (or fails after timeoutMs). */
  async waitFor(predicate: (frames: Frame[]) => boolean, timeoutMs = 5000, what = 'frames'): Promise<Frame[]> {
    if (predicate(this.frames)) return this.frames;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames.map((f) => [f.type, f.cursor]))}`));
      }, timeoutMs);
      const check = () => {
        if (predicate(this.frames) || this.closed) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.waiters.push(check);
    });
    return this.frames;
  }

  ready(): Promise<Frame[]> {
    return this.waitFor((f) => f.some((x) => x.type === 'ready'), 5000, 'ready');
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
