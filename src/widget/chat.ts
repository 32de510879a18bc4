/**
 * The chat: messages (by id, with the visitor's own unsent ones by client id), the panel's
 * behaviour (open, close, Escape, focus), sending text and files (uploads.ts), "Leave your
 * details", and live updates — the socket's frames, and a catch-up after every (re)connect.
 */
import type { WidgetMessage } from '#shared/webchat';
import { WidgetError, type WidgetApi } from './api';
import { bindDetails } from './details';
import { bindFileInput } from './file-input';
import { FileCache } from './files';
import { Live } from './live';
import { renderMessages, showProgress, type ShownMessage } from './thread';
import { TypingSignals } from './typing';
import { Uploads } from './uploads';
import type { View } from './view';

const AGENT_TYPING_SHOWN_MS = 6000;

interface Pending {
  clientId: string;
  body: string;
}

const newClientId = () => (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');

export class Chat {
  private messages = new Map<string, WidgetMessage>();
  private pending: Pending[] = [];
  private nextCursor: string | null = null;
  private loaded = false;
  private unread = 0;
  private readonly typing: TypingSignals;
  private agentTyping?: ReturnType<typeof setTimeout>;
  private readonly live: Live;
  private readonly files: FileCache;
  private readonly uploads: Uploads;
  /** Whether the reader was at the bottom of the log (a photo that loads later keeps them there). */
  private atBottom = true;

  constructor(
    private readonly api: WidgetApi,
    private readonly v: View,
    maxUploadBytes: number,
  ) {
    this.files = new FileCache(api, () => this.atBottom && (v.log.scrollTop = v.log.scrollHeight));
    this.uploads = new Uploads(api, this.files, maxUploadBytes, {
      changed: () => this.render(true),
      progress: (p) => showProgress(v, p),
      sent: (m, hadToken) => this.sent(m, hadToken),
    });
    this.live = new Live(() => api.socketUrl(), {
      onReady: () => void this.catchUp(),
      onFrame: (f) => (f.type === 'message' ? this.upsert(f.message, true) : f.type === 'typing' && this.showTyping(f.name, f.typing)),
      onTrouble: () => void this.catchUp(), // a refused token answers 401 here, and is replaced
    });
    api.onReset = () => {
      this.messages.clear();
      this.nextCursor = null;
      this.render(true);
      this.live.now();
    };
    this.typing = new TypingSignals((typing) => void api.typing(typing));
    this.bind();
    if (api.token) void this.load().then(() => this.live.start());
  }

  private bind(): void {
    const v = this.v;
    v.bubble.addEventListener('click', () => (v.panel.hidden ? this.open() : this.close()));
    v.close.addEventListener('click', () => this.close());
    v.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    v.input.addEventListener('input', () => {
      v.send.disabled = !v.input.value.trim();
      v.input.style.height = 'auto';
      v.input.style.height = `${Math.min(v.input.scrollHeight, 120)}px`;
      if (this.messages.size > 0) this.typing.changed(); // before the first message nobody is there to tell
    });
    v.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        v.composer.requestSubmit();
      }
    });
    v.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    v.earlier.addEventListener('click', () => void this.loadEarlier());
    v.log.addEventListener('scroll', () => (this.atBottom = v.log.scrollHeight - v.log.scrollTop - v.log.clientHeight < 40));
    bindFileInput(
      v,
      (files) => this.uploads.add(files, newClientId),
      (act, clientId) => (act === 'retry' ? this.uploads.retry(clientId) : this.uploads.remove(clientId)),
    );
    bindDetails(v, this.api, (err) => this.fail(err));
  }

  private open(): void {
    const v = this.v;
    v.panel.hidden = false;
    v.bubble.setAttribute('aria-expanded', 'true');
    v.bubble.setAttribute('aria-label', 'Hide chat');
    this.unread = 0;
    this.updateBadge();
    v.input.focus();
    this.render(true);
    if (!this.loaded) void this.load().then(() => this.live.start());
  }

  private close(): void {
    this.v.panel.hidden = true;
    this.v.bubble.setAttribute('aria-expanded', 'false');
    this.updateBadge();
    this.v.bubble.focus();
  }

  private async load(): Promise<void> {
    try {
      const page = await this.api.messages();
      page.items.forEach((m) => this.messages.set(m.id, m));
      this.nextCursor = page.nextCursor;
      this.loaded = true;
      this.fail(null);
      this.render(true);
    } catch (err) {
      this.fail(err);
    }
  }

  /** After a (re)connect: whatever arrived while the socket was away. */
  private async catchUp(): Promise<void> {
    if (!this.loaded) return this.load();
    const last = this.sorted().at(-1);
    try {
      const page = await this.api.messages(last ? { after: last.id } : {});
      page.items.forEach((m) => this.upsert(m, false));
    } catch (err) {
      this.fail(err);
    }
  }

  private async loadEarlier(): Promise<void> {
    if (!this.nextCursor) return;
    const top = this.v.log.scrollHeight - this.v.log.scrollTop;
    const page = await this.api.messages({ cursor: this.nextCursor }).catch((err) => (this.fail(err), null));
    if (!page) return;
    page.items.forEach((m) => this.messages.set(m.id, m));
    this.nextCursor = page.nextCursor;
    this.render(false);
    this.v.log.scrollTop = this.v.log.scrollHeight - top;
  }

  private upsert(m: WidgetMessage, live: boolean): void {
    const isNew = !this.messages.has(m.id);
    this.messages.set(m.id, m);
    this.pending = this.pending.filter((p) => p.clientId !== m.clientId);
    this.uploads.settle(m.clientId);
    if (m.direction === 'outbound') this.showTyping('', false);
    if (isNew && live && m.direction === 'outbound' && this.v.panel.hidden) {
      this.unread++;
      this.updateBadge();
    }
    this.render(m.direction === 'inbound');
  }

  private sorted(): WidgetMessage[] {
    return [...this.messages.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  private render(stick: boolean): void {
    const shown: ShownMessage[] = this.sorted().map((m) => ({
      mine: m.direction === 'inbound',
      body: m.body ?? '',
      agent: m.agent?.name ?? null,
      createdAt: m.createdAt,
      pending: false,
      attachments: m.attachments ?? [],
    }));
    for (const p of this.pending) shown.push({ mine: true, body: p.body, agent: null, createdAt: null, pending: true, attachments: [] });
    for (const u of this.uploads.items) shown.push({ mine: true, body: '', agent: null, createdAt: null, pending: true, attachments: [], upload: u });
    renderMessages(this.v, this.files, shown, stick);
    this.atBottom = stick || this.atBottom;
    this.v.earlier.hidden = !this.nextCursor;
  }

  private async send(): Promise<void> {
    const body = this.v.input.value.trim();
    if (!body) return;
    const p = { clientId: newClientId(), body };
    this.pending.push(p);
    this.v.input.value = '';
    this.v.input.style.height = '';
    this.v.send.disabled = true;
    this.render(true);
    this.typing.stop();
    try {
      const hadToken = !!this.api.token;
      this.sent(await this.api.send(body, p.clientId), hadToken);
    } catch (err) {
      this.pending = this.pending.filter((x) => x !== p);
      if (!this.v.input.value) this.v.input.value = body; // nothing typed is lost
      this.v.send.disabled = false;
      this.render(true);
      this.fail(err);
    }
  }

  /** A message of the visitor's is stored; the very first one started the visitor, so go live. */
  private sent(m: WidgetMessage, hadToken: boolean): void {
    this.upsert(m, false);
    if (!hadToken) this.live.start();
    this.fail(null);
  }

  private showTyping(name: string, typing: boolean): void {
    clearTimeout(this.agentTyping);
    this.v.typing.hidden = !typing;
    this.v.typing.textContent = typing ? `${name.split(' ')[0] || 'Agent'} is typing…` : '';
    if (typing) this.agentTyping = setTimeout(() => this.showTyping('', false), AGENT_TYPING_SHOWN_MS);
  }

  private updateBadge(): void {
    const n = this.v.panel.hidden ? this.unread : 0;
    this.v.badge.hidden = n === 0;
    this.v.badge.textContent = String(n);
    if (this.v.panel.hidden) this.v.bubble.setAttribute('aria-label', n ? `Open chat (${n} new)` : 'Open chat');
  }

  private fail(err: unknown): void {
    this.v.error.textContent = err ? (err instanceof WidgetError ? err.message : 'Something went wrong. Try again.') : '';
  }
}
