/**
 * Provider statuses of outbound items, for every provider: forward only (messages/status.ts ranks
 * them), and a status that arrives before the delivery job stored the provider id it answered with
 * (the callback raced the API response) waits in provider_status_inbox until the job applies it.
 * Both sides take a transaction-scoped advisory lock on (provider, provider id), so none is lost.
 */
import type { MessageStatus } from '#shared/messages';
import type { Tx } from '../db/tx';
import { applyStatus, statusRank } from '../messages/status';

export async function lockProviderId(tx: Tx, provider: string, providerId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [provider, providerId]);
}

export async function holdStatus(
  tx: Tx,
  h: { locationId: string; provider: string; providerId: string; status: MessageStatus; errorCode?: string | null; errorMessage?: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO provider_status_inbox (location_id, provider, provider_message_id, status, error_code, error_message)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [h.locationId, h.provider, h.providerId, h.status, h.errorCode ?? null, h.errorMessage ?? null],
  );
}

/** Takes the held statuses of a provider id out of the inbox (highest rank first). */
export async function takeHeldStatuses(tx: Tx, locationId: string, provider: string, providerId: string) {
  const r = await tx.query<{ status: MessageStatus; error_code: string | null; error_message: string | null }>(
    `DELETE FROM provider_status_inbox WHERE location_id = $1 AND provider = $2 AND provider_message_id = $3 RETURNING status, error_code, error_message`,
    [locationId, provider, providerId],
  );
  return r.rows.sort((a, b) => statusRank(b.status) - statusRank(a.status));
}

/** After the delivery job stored the provider id: the best held status, if any, applied to the message. */
export async function applyHeldStatuses(tx: Tx, locationId: string, provider: string, providerId: string, messageId: string): Promise<void> {
  const [best] = await takeHeldStatuses(tx, locationId, provider, providerId);
  if (best) await applyStatus(tx, locationId, messageId, { status: best.status, errorCode: best.error_code, errorMessage: best.error_message });
}

export interface ProviderStatus {
  locationId: string;
  provider: string;
  providerId: string;
  status: MessageStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** Details merged into the message's channel (a provider's own status word, a timestamp…). */
  channel?: Record<string, unknown>;
}

/**
 * A status report from a provider (a webhook): applied forward-only to the item with that provider
 * id, or held until the delivery job stores the id. Answers the item and whether the status moved
 * (a caller may then apply the error's DND), or null when it was held.
 */
export async function applyProviderStatus(tx: Tx, s: ProviderStatus): Promise<{ messageId: string; contactId: string; moved: boolean } | null> {
  await lockProviderId(tx, s.provider, s.providerId);
  const m = await tx.query<{ id: string; contact_id: string }>(
    `SELECT id, contact_id FROM messages WHERE location_id = $1 AND provider = $2 AND provider_message_id = $3`,
    [s.locationId, s.provider, s.providerId],
  );
  if (!m.rows[0]) {
    await holdStatus(tx, s);
    return null;
  }
  const moved = await applyStatus(tx, s.locationId, m.rows[0].id, { status: s.status, errorCode: s.errorCode, errorMessage: s.errorMessage, channel: s.channel });
  return { messageId: m.rows[0].id, contactId: m.rows[0].contact_id, moved };
}
