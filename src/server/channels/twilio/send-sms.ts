/**
 * The job that hands a queued SMS/MMS to Twilio. Transient failures (network, 5xx, 429) are
 * retried with exponential back-off and jitter; Twilio's 4xx refusals fail the message with
 * Twilio's code and message (21610 also sets the contact's SMS DND).
 */
import type { Task } from 'graphile-worker';
import { withTx } from '../../db/tx';
import type { Deps } from '../../http/types';
import { backoffMs, enqueue } from '../../jobs/queue';
import { applyStatus } from '../../messages/status';
import { signMediaUrl } from '../../attachments/signed-url';
import { setChannelDnd } from '../../contacts/dnd';
import { twilioChannelById } from '../store';
import { twilioPost, TwilioError } from './client';
import { applyPendingStatuses, lockProviderId } from './status-inbox';

export interface SendSmsPayload {
  locationId: string;
  messageId: string;
  attempt: number;
}

export const sendSmsTask =
  (deps: Deps): Task =>
  async (raw) => {
    const { locationId, messageId, attempt } = raw as SendSmsPayload;
    const { pool, config, secrets } = deps;
    const m = await pool.query(
      `SELECT id, contact_id, status, body, channel FROM messages WHERE location_id = $1 AND id = $2`,
      [locationId, messageId],
    );
    const msg = m.rows[0];
    if (!msg || msg.status !== 'queued') return; // sent already, cancelled or deleted
    const channel = await twilioChannelById(pool, secrets, locationId, msg.channel.channelId);
    if (!channel) {
      await withTx(pool, (tx) =>
        applyStatus(tx, locationId, messageId, { status: 'failed', errorCode: 'channel_removed', errorMessage: 'The SMS number this message was sent from is no longer connected.' }),
      );
      return;
    }
    const media = await pool.query('SELECT id FROM attachments WHERE location_id = $1 AND message_id = $2 ORDER BY created_at', [locationId, messageId]);
    try {
      const sent = await twilioPost<{ sid: string; status: string; num_segments?: string }>(config.providers.twilio, channel, 'Messages', {
        To: msg.channel.to,
        From: channel.phoneNumber,
        Body: msg.body ?? '',
        MediaUrl: media.rows.map((a) => signMediaUrl(config.publicUrl, secrets.signingKey, locationId, a.id)),
        StatusCallback: `${config.publicUrl}/webhooks/twilio/sms-status`,
      });
      await withTx(pool, async (tx) => {
        await lockProviderId(tx, sent.sid);
        await applyStatus(tx, locationId, messageId, {
          status: 'sent',
          provider: 'twilio',
          providerMessageId: sent.sid,
          channel: { segments: Number(sent.num_segments ?? 1), providerStatus: sent.status },
        });
        await applyPendingStatuses(tx, locationId, sent.sid, messageId);
      });
    } catch (err) {
      if (!(err instanceof TwilioError)) throw err; // a bug: let the queue retry and log it
      if (err.transient && attempt < config.sendMaxAttempts) {
        const delay = backoffMs(attempt, config.sendRetryBaseMs);
        await withTx(pool, async (tx) => {
          await applyStatus(tx, locationId, messageId, {
            status: 'queued',
            channel: { retry: { attempt, nextAttemptAt: new Date(Date.now() + delay).toISOString(), lastError: err.message } },
          });
          await enqueue(tx, 'twilio_send_sms', { locationId, messageId, attempt: attempt + 1 } satisfies SendSmsPayload, {
            runAt: new Date(Date.now() + delay),
            jobKey: `twilio_send_sms:${messageId}`,
          });
        });
        return;
      }
      await withTx(pool, async (tx) => {
        await applyStatus(tx, locationId, messageId, {
          status: 'failed',
          errorCode: err.code,
          errorMessage: err.transient ? `Twilio was unavailable after ${attempt} attempts: ${err.message}` : err.message,
          force: true,
        });
        if (err.code === '21610') {
          await setChannelDnd(tx, locationId, msg.contact_id, 'SMS', 'permanent', 'the recipient unsubscribed (Twilio 21610)', { type: 'provider', name: 'Twilio' });
        }
      });
    }
  };
