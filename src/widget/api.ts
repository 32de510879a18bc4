/**
 * The widget's HTTP client: the visitor token is kept in localStorage (one key per location) so
 * the conversation survives page loads; a token the server no longer knows (401) is replaced by
 * a new visitor once.
 */
import type { VisitorProfile, WidgetAttachment, WidgetConfig, WidgetMessage, WidgetMessageList } from '#shared/webchat';

export class WidgetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const OFFLINE = 'No connection. Check your internet and try again.';

const memory = new Map<string, string>();
const store = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null; // storage blocked (privacy settings): this page only
    }
  },
  set(key: string, value: string | null) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      if (value === null) memory.delete(key);
      else memory.set(key, value);
    }
  },
};

export class WidgetApi {
  readonly base: string;
  private readonly key: string;
  /** Called when the visitor had to start over (their old conversation is gone). */
  onReset: () => void = () => {};

  constructor(
    readonly appOrigin: string,
    readonly locationId: string,
  ) {
    this.base = `${appOrigin}/widget/v1/${encodeURIComponent(locationId)}`;
    this.key = `aix-chat:${locationId}`;
  }

  get token(): string | null {
    return store.get(this.key);
  }

  private async call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
    } catch {
      throw new WidgetError(0, 'network_error', OFFLINE);
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const e = (data as { error?: { code: string; message: string } } | null)?.error;
      throw new WidgetError(res.status, e?.code ?? 'http_error', e?.message ?? 'Something went wrong. Try again.');
    }
    return data as T;
  }

  /** Runs fn with a visitor token; creates the visitor first, and again if the token was refused. */
  private async asVisitor<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.token) await this.startVisitor();
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof WidgetError) || err.status !== 401) throw err;
      store.set(this.key, null);
      await this.startVisitor();
      this.onReset();
      return fn();
    }
  }

  async startVisitor(): Promise<void> {
    const v = await this.call<{ visitorToken: string }>('POST', '/visitors', undefined, false);
    store.set(this.key, v.visitorToken);
  }

  config = () => this.call<WidgetConfig>('GET', '/config', undefined, false);

  messages = (q: { after?: string; cursor?: string } = {}) => {
    const qs = q.after ? `?after=${q.after}` : q.cursor ? `?cursor=${encodeURIComponent(q.cursor)}` : '';
    return this.asVisitor(() => this.call<WidgetMessageList>('GET', `/messages${qs}`));
  };

  send = (body: string, clientId: string, attachments?: string[]) =>
    this.asVisitor(() => this.call<WidgetMessage>('POST', '/messages', { ...(body && { body }), clientId, ...(attachments && { attachments }) }));

  /** Uploads one file (XMLHttpRequest: fetch cannot report upload progress); `progress` gets 0…1. */
  upload = (file: File, progress: (done: number) => void) =>
    this.asVisitor(
      () =>
        new Promise<WidgetAttachment>((resolve, reject) => {
          const x = new XMLHttpRequest();
          x.open('POST', `${this.base}/attachments`);
          x.setRequestHeader('authorization', `Bearer ${this.token}`);
          x.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
          x.onload = () => {
            let data: any = null;
            try {
              data = JSON.parse(x.responseText);
            } catch {
              /* not JSON */
            }
            if (x.status === 201) return resolve(data);
            reject(new WidgetError(x.status, data?.error?.code ?? 'http_error', data?.error?.message ?? 'The file could not be sent. Try again.'));
          };
          x.onerror = () => reject(new WidgetError(0, 'network_error', OFFLINE));
          const form = new FormData();
          form.append('file', file, file.name);
          x.send(form);
        }),
    );

  /** A file of the chat: fetched with the token (an <img src> could send neither it nor an Origin). */
  file = async (url: string): Promise<Blob> => {
    const res = await fetch(this.appOrigin + url, { headers: { authorization: `Bearer ${this.token}` }, credentials: 'omit' });
    if (!res.ok) throw new WidgetError(res.status, 'http_error', 'This file could not be loaded.');
    return res.blob();
  };

  profile = (p: { name?: string; email?: string; phone?: string }) => this.asVisitor(() => this.call<VisitorProfile>('PUT', '/profile', p));

  typing = (typing: boolean) => (this.token ? this.call('POST', '/typing', { typing }).catch(() => undefined) : Promise.resolve());

  socketUrl(): string | null {
    const t = this.token;
    return t ? `${this.base.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(t)}` : null;
  }
}
