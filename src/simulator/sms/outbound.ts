/**
 * After the Messages API accepted a message: fetch its media, then move it through Twilio's
 * statuses (queued → sent → delivered, or a magic failure) and POST a signed status callback for
 * each change after the first (Twilio sends none for `queued`).
 */
import { sleep, type SimContext } from '../context';
import { messageFate } from '../magic';
import type { SimAccount, SimMessage } from '../types';
import { sendWebhook } from '../webhook';
import { fetchMedia } from './media';

async function setStatus(ctx: SimContext, account: SimAccount, m: SimMessage, status: string, errorCode: number | null) {
  m.status = status;
  m.errorCode = errorCode;
  if (status === 'sent') m.dateSent = new Date();
  ctx.state.touchMessage(m);
  if (!m.statusCallback) return;
  const params: Record<string, string> = {
    SmsSid: m.sid,
    SmsStatus: status,
    MessageStatus: status,
    To: m.to,
    MessageSid: m.sid,
    AccountSid: m.accountSid,
    From: m.from,
    ApiVersion: '2010-04-01',
  };
  if (errorCode !== null) params.ErrorCode = String(errorCode);
  await sendWebhook(ctx, { kind: 'message-status', url: m.statusCallback, params, authToken: account.token });
}

export async function runOutboundMessage(ctx: SimContext, account: SimAccount, m: SimMessage): Promise<void> {
  await sleep(ctx, ctx.statusDelayMs);
  for (const url of m.mediaUrls) {
    const got = await fetchMedia(ctx, m.accountSid, m.sid, url);
    if ('errorCode' in got) {
      ctx.log(`simulator: ${m.sid} media failed (${got.reason})`);
      await setStatus(ctx, account, m, 'failed', got.errorCode);
      return;
    }
    m.media.push(got.media.sid);
  }
  const fate = messageFate(m.to);
  if (fate.final !== 'failed') {
    await setStatus(ctx, account, m, 'sent', null);
    await sleep(ctx, ctx.statusDelayMs);
  }
  await setStatus(ctx, account, m, fate.final, fate.errorCode);
}
