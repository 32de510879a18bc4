/** A web chat visitor as the widget is one: an Origin header, a bearer visitor token, a socket. */
import { LiveSocket, type Res } from './client';

export class WidgetVisitor {
  token?: string;
  id?: string;

  constructor(
    readonly baseUrl: string,
    readonly locationId: string,
    readonly origin: string | null,
    readonly headers: Record<string, string> = {},
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...this.headers, ...extra };
    if (this.origin) h.origin = this.origin;
    if (this.token) h.authorization = `Bearer ${this.token}`;
    const form = body instanceof FormData;
    if (body !== undefined && !form) h['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/widget/v1/${this.locationId}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Creates the visitor (keeps the token) and returns the answer. */
  async start(): Promise<Res> {
    const res = await this.request('POST', '/visitors');
    if (res.status === 201) {
      this.token = res.body.visitorToken;
      this.id = res.body.visitorId;
    }
    return res;
  }

  say = (body: string, clientId?: string) => this.request('POST', '/messages', { body, ...(clientId && { clientId }) });
  /** Uploads one file as the widget does (multipart field "file"). */
  upload = (fileName: string, bytes: Buffer) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    return this.request('POST', '/attachments', f);
  };
  /** Sends uploaded files, with or without text. */
  send = (m: { body?: string; attachments?: string[]; clientId?: string }) => this.request('POST', '/messages', m);
  /** GETs a path of the app (an attachment's url) as this visitor: Origin and token. */
  fetchFile = (url: string) =>
    fetch(this.baseUrl + url, { headers: { ...(this.origin && { origin: this.origin }), ...(this.token && { authorization: `Bearer ${this.token}` }) } });
  messages = (query = '') => this.request('GET', `/messages${query}`);
  typing = (typing: boolean) => this.request('POST', '/typing', { typing });
  profile = (p: Record<string, string>) => this.request('PUT', '/profile', p);

  socket(token = this.token): Promise<LiveSocket> {
    const url = `${this.baseUrl.replace(/^http/, 'ws')}/widget/v1/${this.locationId}/ws?token=${encodeURIComponent(token ?? '')}`;
    return LiveSocket.open(url, this.origin ? { origin: this.origin } : {});
  }
}
