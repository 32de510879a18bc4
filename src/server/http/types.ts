import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Pool } from '../db/pool';
import type { RealtimeHub } from '../realtime/hub';
import type { Storage } from '../attachments/storage';
import type { Secrets } from '../crypto/secrets';
import type { ChannelRegistry } from '../channels/registry';
import type { Ingest } from '../messages/ingest';
import type { Mailer } from '../mail/mailer';
import type { SharedLimiter } from './shared-limit';

/** The Fastify instance routes are registered on: Zod schemas give validation, types and OpenAPI. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Everything a route needs from the outside world, passed explicitly. */
export interface Deps {
  config: Config;
  pool: Pool;
  hub: RealtimeHub;
  storage: Storage;
  secrets: Secrets;
  /** The channel adapters and inbound routing (made once by the composition root). */
  channels: ChannelRegistry;
  /** The one ingest entry: inbound items of every channel (group commit). */
  ingest: Ingest;
  /** System mail; null when SMTP_URL is not configured (links are then shared by hand). */
  mailer: Mailer | null;
  /** Rate limits shared by every server process (webhooks, widget, pay page). */
  limiter: SharedLimiter;
}

export type Role = 'admin' | 'user';

/** Who is calling, and in which location (the tenant every query is scoped to). */
export interface AuthContext {
  via: 'session' | 'api_key';
  userId: string | null;
  locationId: string;
  role: Role;
  /** A team member who sees only the conversations assigned to them (never an API key). */
  onlyAssigned?: boolean;
  /** Cookie sessions only. */
  sessionHash?: string;
  csrfToken?: string;
  apiKeyId?: string;
}

/** Route-level access, set as `config: { access }`; default 'member'. */
export type Access = 'public' | 'member' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Only people (a session), never an API key: managing the team, keys, passwords. */
    peopleOnly?: boolean;
  }
}

export type RouteModule = (app: App, deps: Deps) => void;
