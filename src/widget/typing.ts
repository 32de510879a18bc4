/** The visitor's typing signals, throttled: "typing" at most every 3 s, "stopped" after 5 s idle or a send. */
const EVERY_MS = 3000;
const IDLE_MS = 5000;

export class TypingSignals {
  private sentAt = 0;
  private idle?: ReturnType<typeof setTimeout>;

  constructor(private readonly signal: (typing: boolean) => void) {}

  changed(): void {
    const now = Date.now();
    if (now - this.sentAt > EVERY_MS) {
      this.sentAt = now;
      this.signal(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (!this.sentAt) return;
    this.sentAt = 0;
    this.signal(false);
  }
}
