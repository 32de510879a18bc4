import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  TRUST_PROXY: z.string().default('false'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  MAX_UPLOAD_MB: z.coerce.number().min(1).max(100).default(25),
  WEBCHAT_MAX_UPLOAD_MB: z.coerce.number().min(1).max(100).default(10),
  SECRET_KEY: z.string().optional(),
  TWILIO_API_BASE_URL: z.string().url().optional(),
  META_GRAPH_BASE_URL: z.string().url().optional(),
  WHATSAPP_GRAPH_BASE_URL: z.string().url().optional(),
  GOOGLE_BUSINESS_BASE_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.com:465')
    .optional(),
  MAIL_FROM: z.string().optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  SEND_RETRY_BASE_MS: z.coerce.number().int().min(1).default(2000),
  SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  WEBHOOK_RATE_LIMIT: z.coerce.number().int().min(1).default(6000),
  WIDGET_IP_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  UNSENT_UPLOADS_MB_PER_VISITOR: z.coerce.number().min(1).default(50),
  UNSENT_UPLOADS_MB_PER_LOCATION: z.coerce.number().min(1).default(500),
});

export interface Config {
  env: string;
  production: boolean;
  port: number;
  /** HOST, else 127.0.0.1 while the demo logins are loaded (they are public), else 0.0.0.0. */
  host: string;
  /** HOST was given (else the default above). */
  hostExplicit: boolean;
  /** External PostgreSQL; when absent an embedded server is started under dataDir/pg. */
  databaseUrl?: string;
  dataDir: string;
  /** Base URL providers call and sign; defaults to http://localhost:PORT. */
  publicUrl: string;
  /** PUBLIC_URL was given (else it follows the port actually bound, for PORT=0). */
  publicUrlExplicit: boolean;
  seedDemo: boolean;
  logLevel: string;
  dbPoolSize: number;
  sessionTtlDays: number;
  eventRetentionDays: number;
  /** Fastify trustProxy: false, true, a hop count, or a comma-separated list of proxy addresses. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** Login attempts per minute allowed per (e-mail, IP) pair; ×10 per IP; past ×3 per e-mail, attempts are slowed (never refused). */
  loginRateLimit: number;
  maxUploadBytes: number;
  /** Largest file a web chat visitor may send (never above maxUploadBytes). */
  webchatMaxUploadBytes: number;
  /** Key (32 bytes, base64) that encrypts provider credentials at rest; absent: DATA_DIR/secret.key. */
  secretKey?: string;
  /** Provider API base URLs (the real providers unless set; the simulator's in demo mode, src/demo). */
  providers: { twilio: string; metaGraph: string; whatsappGraph: string; googleBusiness: string };
  /**
   * System mail (invitations, password resets): an SMTP URL, or none (links are shared by hand).
   * In demo mode the launcher (src/demo) sets it to the simulator's SMTP sink.
   */
  mail: { url?: string; from: string };
  workerConcurrency: number;
  /** Transient provider failures are retried with exponential back-off and jitter from this base. */
  sendRetryBaseMs: number;
  sendMaxAttempts: number;
  /** Provider webhook calls (and pay page views) allowed per source IP per minute, across all processes. */
  webhookRateLimit: number;
  /** Requests to the chat widget's API per client IP per minute (before any lookup), across all processes. */
  widgetIpRateLimit: number;
  /** Bytes of uploads not sent yet that one web chat visitor, and one location in all, may hold. */
  unsentBytesPerVisitor: number;
  unsentBytesPerLocation: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (VAR= npm start).
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.NODE_ENV === 'production';
  // Demo data (its logins are public) by default only on the zero-setup embedded database, never in production.
  if (production && e.SEED_DEMO === true) throw new Error('Invalid configuration:\n  SEED_DEMO: the demo logins are public; they are never loaded when NODE_ENV=production');
  const seedDemo = !production && (e.SEED_DEMO ?? !e.DATABASE_URL);
  const demo = providersOf(e);
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST ?? (seedDemo ? '127.0.0.1' : '0.0.0.0'),
    hostExplicit: !!e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    publicUrlExplicit: !!e.PUBLIC_URL,
    seedDemo,
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.DB_POOL_SIZE,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    webchatMaxUploadBytes: Math.round(Math.min(e.WEBCHAT_MAX_UPLOAD_MB, e.MAX_UPLOAD_MB) * 1024 * 1024),
    secretKey: e.SECRET_KEY,
    ...demo,
    workerConcurrency: e.WORKER_CONCURRENCY,
    sendRetryBaseMs: e.SEND_RETRY_BASE_MS,
    sendMaxAttempts: e.SEND_MAX_ATTEMPTS,
    webhookRateLimit: e.WEBHOOK_RATE_LIMIT,
    widgetIpRateLimit: e.WIDGET_IP_RATE_LIMIT,
    unsentBytesPerVisitor: Math.round(e.UNSENT_UPLOADS_MB_PER_VISITOR * 1024 * 1024),
    unsentBytesPerLocation: Math.round(e.UNSENT_UPLOADS_MB_PER_LOCATION * 1024 * 1024),
  };
}

function parseTrustProxy(v: string): Config['trustProxy'] {
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v;
}

/**
 * Provider API base URLs (the real providers unless set: the demo launcher, src/demo, points them
 * at the provider simulator) and system mail (SMTP_URL; the launcher's default in demo mode is the
 * simulator's SMTP sink).
 */
function providersOf(e: z.infer<typeof EnvSchema>): Pick<Config, 'providers' | 'mail'> {
  return {
    mail: { url: e.SMTP_URL, from: e.MAIL_FROM ?? 'Aesthetix Inbox <no-reply@aesthetix.invalid>' },
    providers: {
      twilio: (e.TWILIO_API_BASE_URL ?? 'https://api.twilio.com').replace(/\/+$/, ''),
      metaGraph: (e.META_GRAPH_BASE_URL ?? 'https://graph.facebook.com').replace(/\/+$/, ''),
      whatsappGraph: (e.WHATSAPP_GRAPH_BASE_URL ?? 'https://graph.facebook.com').replace(/\/+$/, ''),
      googleBusiness: (e.GOOGLE_BUSINESS_BASE_URL ?? 'https://mybusiness.googleapis.com').replace(/\/+$/, ''),
    },
  };
}
