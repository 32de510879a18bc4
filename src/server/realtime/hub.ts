/**
 * Fan-out of committed events to WebSocket subscribers of this process.
 *
 * Every process LISTENs on one dedicated connection; PostgreSQL delivers notifications in commit
 * order, and within a location seq order is commit order (see event-log.ts). Events of one
 * location pass through one promise chain, so each subscriber sees them in seq order, with no
 * gaps (anything missed — a payload sent by reference, a dropped LISTEN connection — is read back
 * from the event log) and no duplicates (a subscriber never receives a seq <= its last one).
 */
import pg from 'pg';
import type { Pool } from '../db/pool';
import { EVENTS_CHANNEL, readEvents, type LoggedEvent, type Notification } from './event-log';

export const SESSIONS_CHANNEL = 'inbox_sessions';
/** Ephemeral signals (typing): fanned out live, never logged or replayed. */
export const TYPING_CHANNEL = 'inbox_typing';

export interface TypingSignal {
  locationId: string;
  conversationId: string;
  /** 'visitor' (web chat), or a team member's user id. */
  who: string;
  name: string;
  typing: boolean;
  /** Team only (a reply on another channel, an internal comment): never shown to the web chat visitor. */
  team?: boolean;
}

/** A team member has a conversation open (repeated while it stays open) or left it. Team only. */
export interface PresenceSignal {
  kind: 'presence';
  locationId: string;
  conversationId: string;
  who: string;
  name: string;
  viewing: boolean;
}

export interface Subscriber {
  locationId: string;
  userId: string;
  /** sha256 hex of the session token, for cookie sessions; closes on logout or switch. */
  sessionHash?: string;
  /** For API-key sockets: closes when the key is revoked. */
  apiKeyId?: string;
  lastSeq: number;
  deliver(event: LoggedEvent): void;
  /** Typing signals of the location (optional: only sockets that show them). */
  deliverTyping?(signal: TypingSignal): void;
  /** Team-only signals: presence, and typing the visitor must not see (only team sockets have it). */
  deliverTeamSignal?(signal: TypingSignal | PresenceSignal): void;
  close(code: number, reason: string): void;
}

interface LocationChannel {
  subs: Set<Subscriber>;
  /** Highest seq handed to this location's subscribers; null until the first event. */
  lastSeq: number | null;
  chain: Promise<void>;
}

interface Log {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** The location of an events NOTIFY payload (json_build_object prints "l" first). */
const LOCATION_PREFIX = /^\{"l" ?: ?"([0-9a-f-]{36})"/;

export class RealtimeHub {
  private channels = new Map<string, LocationChannel>();
  private listener?: pg.Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private probe?: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    private readonly databaseUrl: string,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'aesthetix-listen', keepAlive: true });
    // Handlers of a replaced client must not touch the current one.
    const current = () => this.listener === client;
    client.on('notification', (msg) => current() && this.onNotification(msg.channel, msg.payload ?? ''));
    client.on('error', (err) => {
      if (!current()) return;
      this.log.warn({ err }, 'realtime LISTEN connection lost; reconnecting');
      this.scheduleReconnect();
    });
    client.on('end', () => current() && this.scheduleReconnect());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      await client.query(`LISTEN ${SESSIONS_CHANNEL}`);
      await client.query(`LISTEN ${TYPING_CHANNEL}`);
    } catch (err) {
      this.listener = undefined;
      await client.end().catch(() => undefined);
      throw err;
    }
    // A half-open connection raises no error by itself: probe it.
    clearInterval(this.probe);
    this.probe = setInterval(() => {
      if (current()) client.query('SELECT 1').catch(() => this.scheduleReconnect());
    }, 15_000);
    this.probe.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const old = this.listener;
    this.listener = undefined;
    old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      try {
        await this.start();
        // Whatever was committed while we were deaf is in the event log.
        for (const [locationId, ch] of this.channels) this.enqueueCatchUp(locationId, ch);
      } catch (err) {
        this.log.warn({ err }, 'realtime LISTEN reconnect failed');
        this.scheduleReconnect();
      }
    }, 500);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.probe);
    for (const ch of this.channels.values()) for (const s of ch.subs) s.close(1001, 'server shutting down');
    this.channels.clear();
    await this.listener?.end().catch(() => undefined);
  }

  /** Registers a subscriber; call before reading its replay so nothing committed meanwhile is lost. */
  subscribe(sub: Subscriber): () => void {
    let ch = this.channels.get(sub.locationId);
    if (!ch) {
      ch = { subs: new Set(), lastSeq: null, chain: Promise.resolve() };
      this.channels.set(sub.locationId, ch);
    }
    ch.subs.add(sub);
    return () => {
      const c = this.channels.get(sub.locationId);
      if (!c) return;
      c.subs.delete(sub);
      if (c.subs.size === 0) this.channels.delete(sub.locationId);
    };
  }

  subscriberCount(): number {
    let n = 0;
    for (const ch of this.channels.values()) n += ch.subs.size;
    return n;
  }

  /** Closes sockets of a revoked session in every process (logout, location switch). */
  async revokeSession(sessionHash: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, JSON.stringify({ session: sessionHash })]);
  }

  /**
   * Closes every session socket of a user in every process (password changed or reset, "sign out
   * everywhere"), except the sockets of exceptSession (sha256 hex) when given.
   */
  async revokeUserSessions(userId: string, exceptSession?: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, JSON.stringify({ userSessions: userId, except: exceptSession ?? null })]);
  }

  /** Closes the sockets of a revoked API key in every process. */
  async revokeApiKey(apiKeyId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, JSON.stringify({ apiKey: apiKeyId })]);
  }

  /** Closes a removed team member's sockets of that location in every process. */
  async revokeMember(locationId: string, userId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, JSON.stringify({ location: locationId, user: userId })]);
  }

  /** Tells every process that a team member is viewing a conversation (or left it). */
  async publishPresence(signal: Omit<PresenceSignal, 'kind'>): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [TYPING_CHANNEL, JSON.stringify({ kind: 'presence', ...signal })]);
  }

  /** A team member's permissions changed: their sockets of that location reconnect (close code 4002). */
  async refreshMember(locationId: string, userId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, JSON.stringify({ location: locationId, user: userId, refresh: true })]);
  }

  /** Tells every process that someone is (or stopped) typing in a conversation. */
  async publishTyping(signal: TypingSignal): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [TYPING_CHANNEL, JSON.stringify(signal)]);
  }

  private onNotification(channel: string, payload: string): void {
    if (channel === TYPING_CHANNEL) {
      const signal = JSON.parse(payload) as TypingSignal | PresenceSignal;
      for (const s of this.channels.get(signal.locationId)?.subs ?? []) {
        if ('kind' in signal || signal.team) s.deliverTeamSignal?.(signal);
        else s.deliverTyping?.(signal);
      }
      return;
    }
    if (channel === SESSIONS_CHANNEL) {
      const r = JSON.parse(payload) as {
        session?: string;
        location?: string;
        user?: string;
        apiKey?: string;
        refresh?: boolean;
        userSessions?: string;
        except?: string | null;
      };
      for (const ch of this.channels.values())
        for (const s of ch.subs) {
          if (
            (r.session && s.sessionHash === r.session) ||
            (r.apiKey && s.apiKeyId === r.apiKey) ||
            (r.userSessions && s.userId === r.userSessions && s.sessionHash && s.sessionHash !== r.except) ||
            (r.user && s.userId === r.user && s.locationId === r.location)
          ) {
            if (r.refresh) s.close(4002, 'permissions changed');
            else s.close(4001, 'access ended');
          }
        }
      return;
    }
    // Most notifications concern locations nobody here listens to: skip them before parsing.
    const loc = LOCATION_PREFIX.exec(payload);
    if (loc && !this.channels.has(loc[1])) return;
    let n: Notification;
    try {
      n = JSON.parse(payload) as Notification;
    } catch {
      return;
    }
    const ch = this.channels.get(n.l);
    if (!ch) return; // nobody here listens to that location
    ch.chain = ch.chain
      .then(() => this.handle(n, ch))
      .catch((err) => this.log.error({ err }, 'realtime delivery failed'));
  }

  private async handle(n: Notification, ch: LocationChannel): Promise<void> {
    if (ch.lastSeq !== null && n.s <= ch.lastSeq) return;
    let events: LoggedEvent[];
    if (n.d !== undefined && n.t !== 'batch' && (ch.lastSeq === null || n.s === ch.lastSeq + 1)) {
      events = [{ locationId: n.l, seq: n.s, type: n.t, conversationId: n.c, data: n.d }];
    } else {
      const from = ch.lastSeq ?? (n.f ?? n.s) - 1;
      events = await readEvents(this.pool, n.l, from, Math.max(1, n.s - from));
    }
    this.dispatch(ch, events);
  }

  private enqueueCatchUp(locationId: string, ch: LocationChannel): void {
    ch.chain = ch.chain
      .then(async () => {
        // Nothing delivered here yet: start from the subscriber that has seen least.
        // (lastSeq is -1 while a socket has not read its starting point; it replays by itself.)
        ch.lastSeq ??= Math.min(...[...ch.subs].map((s) => s.lastSeq).filter((n) => n >= 0));
        if (!Number.isFinite(ch.lastSeq)) return;
        for (;;) {
          const events = await readEvents(this.pool, locationId, ch.lastSeq!, 1000);
          this.dispatch(ch, events);
          if (events.length < 1000) return;
        }
      })
      .catch((err) => this.log.error({ err }, 'realtime catch-up failed'));
  }

  private dispatch(ch: LocationChannel, events: LoggedEvent[]): void {
    for (const e of events) {
      for (const s of ch.subs) s.deliver(e);
      ch.lastSeq = e.seq;
    }
  }
}
