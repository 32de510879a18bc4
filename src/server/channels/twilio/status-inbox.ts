/**
 * Status callbacks that arrive before the send job stored the provider id wait in
 * provider_status_inbox; an advisory lock per provider id orders the two sides.
 */
import type { MessageStatus } from '#shared/messages';
import type { Tx } from '../../db/tx';
import { applyStatus, statusRank } from '../../messages/status';
import { carrierErrorMessage } from './errors';

export async function lockProviderId(tx: Tx, providerId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('twilio:' || $1, 0))`, [providerId]);
}

export async function holdStatus(tx: Tx, locationId: string, providerId: string, status: MessageStatus, errorCode: string | null) {
  await tx.query(
    `INSERT INTO provider_status_inbox (location_id, provider, provider_message_id, status, error_code)
     VALUES ($1, 'twilio', $2, $3, $4) ON CONFLICT DO NOTHING`,
    [locationId, providerId, status, errorCode],
  );
}

export async function applyPendingStatuses(tx: Tx, locationId: string, providerId: string, messageId: string): Promise<void> {
  const r = await tx.query(
    `DELETE FROM provider_status_inbox WHERE location_id = $1 AND provider = 'twilio' AND provider_message_id = $2 RETURNING status, error_code`,
    [locationId, providerId],
  );
  const best = r.rows.sort((a, b) => statusRank(b.status) - statusRank(a.status))[0];
  if (best) {
    await applyStatus(tx, locationId, messageId, {
      status: best.status,
      errorCode: best.error_code,
      errorMessage: best.error_code ? carrierErrorMessage(best.error_code) : null,
    });
  }
}
