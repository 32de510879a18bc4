/**
 * The visitor's WebSocket: reconnects by itself with back-off (and at once when the browser comes
 * back online); after every (re)connect `onReady` lets the widget fetch what it missed.
 */
import type { WidgetFrame } from '#shared/webchat';

export interface LiveHandlers {
  onFrame(frame: WidgetFrame): void;
  onReady(): void;
  /** After a few failed attempts: lets the widget check its token (the socket cannot say 401). */
  onTrouble(): void;
}

export class Live {
  private ws?: WebSocket;
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = true;

  constructor(
    private readonly url: () => string | null,
    private readonly h: LiveHandlers,
  ) {}

  /** Starts (or, if it could not connect yet for want of a token, tries again). */
  start(): void {
    if (!this.stopped && this.ws) return;
    this.stopped = false;
    addEventListener('online', this.now);
    this.connect();
  }

  /** Reconnects now (a new token, or the network is back). */
  now = () => {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.ws?.close();
    this.connect();
  };

  private connect(): void {
    const url = this.url();
    if (!url) return;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onmessage = (e) => {
      let frame: WidgetFrame;
      try {
        frame = JSON.parse(String(e.data)) as WidgetFrame;
      } catch {
        return;
      }
      if (frame.type === 'ready') {
        this.attempt = 0;
        this.h.onReady();
      } else this.h.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.stopped) return;
      this.attempt++;
      if (this.attempt === 3) this.h.onTrouble();
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.attempt, 5)) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}
