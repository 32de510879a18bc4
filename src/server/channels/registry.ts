/**
 * The channel adapters of this server, assembled once by the composition root (server/main.ts)
 * and passed in Deps: which adapter carries a send type or serves a provider, and the routing of
 * inbound addresses to connections — remembered for a few seconds per process, so a busy number's
 * webhooks cost no lookup and no decryption each. Changes made through this process are seen at
 * once (forget); a secret changed by another process is re-read when a signature fails to match
 * the remembered one (route(…, {fresh: true})).
 */
import { CHANNEL_KINDS } from '#shared/channel-catalog';
import type { SendType } from '#shared/messages';
import type { Secrets } from '../crypto/secrets';
import type { Pool } from '../db/pool';
import type { ChannelAdapter, Connection } from './adapter';
import { connectionByAddress } from './store';

const ROUTE_CACHE_MS = 5_000;

export class ChannelRegistry {
  private routes = new Map<string, { conn: Connection; until: number }>();

  constructor(
    readonly adapters: readonly ChannelAdapter[],
    private readonly pool: Pool,
    private readonly secrets: Secrets,
  ) {
    const seen = new Set<string>();
    for (const a of adapters) {
      if (seen.has(a.provider)) throw new Error(`two channel adapters for provider ${a.provider}`);
      seen.add(a.provider);
    }
  }

  forProvider(provider: string): ChannelAdapter | undefined {
    return this.adapters.find((a) => a.provider === provider);
  }

  /** The adapter that carries a send type (the catalog names its provider). */
  forSendType(type: SendType): ChannelAdapter | undefined {
    const provider = CHANNEL_KINDS[type]?.provider;
    return this.adapters.find((a) => a.provider === provider && a.sendTypes.includes(type));
  }

  /** The connection an inbound address routes to (remembered 5 s unless fresh). */
  async route(kind: string, address: string, opts: { fresh?: boolean } = {}): Promise<Connection | null> {
    const k = `${kind}|${address}`;
    const hit = this.routes.get(k);
    if (!opts.fresh && hit && hit.until > Date.now()) return hit.conn;
    const conn = await connectionByAddress(this.pool, this.secrets, kind, address);
    if (conn) this.routes.set(k, { conn, until: Date.now() + ROUTE_CACHE_MS });
    else this.routes.delete(k);
    return conn;
  }

  /** After connecting, changing or removing a connection: look addresses up again. */
  forget(): void {
    this.routes.clear();
  }
}
