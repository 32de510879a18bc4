/**
 * Web chat visitors: a random token per browser (kept in its localStorage), stored as sha256 only,
 * looked up by (location_id, token_hash) so a token of another location finds nothing.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/pool';
import { AppError } from '../../http/errors';

export interface Visitor {
  locationId: string;
  id: string;
  contactId: string | null;
  /** The contact's conversation, once the first message created it. */
  conversationId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest();

/** The token from `Authorization: Bearer …` or, for the WebSocket (browsers cannot set headers), `?token=`. */
export function visitorTokenOf(headers: { authorization?: string }, query: unknown): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/i.exec(headers.authorization ?? '');
  if (m) return m[1];
  const q = (query as { token?: unknown } | undefined)?.token;
  return typeof q === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(q) ? q : null;
}

export async function createVisitor(db: Queryable, locationId: string): Promise<{ visitorToken: string; visitorId: string }> {
  const visitorToken = crypto.randomBytes(32).toString('base64url');
  const r = await db.query<{ id: string }>('INSERT INTO webchat_visitors (location_id, token_hash) VALUES ($1, $2) RETURNING id', [
    locationId,
    hashToken(visitorToken),
  ]);
  return { visitorToken, visitorId: r.rows[0].id };
}

/** The visitor with its contact — the one with its web chat identity, once the first message made it — and conversation. */
const VISITOR_SELECT = `
  SELECT v.location_id, v.id, ci.contact_id, v.name, v.email, v.phone, cv.id AS conversation_id
    FROM webchat_visitors v
    LEFT JOIN contact_identities ci ON ci.location_id = v.location_id AND ci.kind = 'webchat' AND ci.value = v.id::text
    LEFT JOIN conversations cv ON cv.location_id = v.location_id AND cv.contact_id = ci.contact_id`;

export function toVisitor(r: any): Visitor {
  return {
    locationId: r.location_id,
    id: r.id,
    contactId: r.contact_id,
    conversationId: r.conversation_id ?? null,
    name: r.name,
    email: r.email,
    phone: r.phone,
  };
}

/** The visitor of this token in this location; 401 otherwise (unknown, revoked, or another location's). */
export async function authenticateVisitor(db: Queryable, locationId: string, token: string | null): Promise<Visitor> {
  if (!token) throw new AppError(401, 'unauthenticated', 'Send the visitor token as "Authorization: Bearer <token>".');
  const r = await db.query(
    `WITH seen AS (
       UPDATE webchat_visitors SET last_seen_at = now()
        WHERE location_id = $1 AND token_hash = $2 AND last_seen_at < now() - interval '1 minute'
     )
     ${VISITOR_SELECT} WHERE v.location_id = $1 AND v.token_hash = $2`,
    [locationId, hashToken(token)],
  );
  if (!r.rows[0]) throw new AppError(401, 'invalid_visitor_token', 'This chat has ended. Start a new one.');
  return toVisitor(r.rows[0]);
}

/** Re-reads a visitor (inside a transaction: locked, so two first messages create one contact). */
export async function lockVisitor(db: Queryable, locationId: string, id: string): Promise<Visitor> {
  const r = await db.query(
    `${VISITOR_SELECT} WHERE v.location_id = $1 AND v.id = $2 FOR UPDATE OF v`,
    [locationId, id],
  );
  if (!r.rows[0]) throw new AppError(401, 'invalid_visitor_token', 'This chat has ended. Start a new one.');
  return toVisitor(r.rows[0]);
}
