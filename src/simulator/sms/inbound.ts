/**
 * A client texts a practice number (POST /_sim/sms): store the message and its media, apply
 * opt-out keywords, and POST Twilio's signed webhook to the app (optionally retried, or several
 * deliveries at once). <Message> verbs in the app's TwiML answer are sent back to the client.
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from '../context';
import { newSid } from '../ids';
import { geoFields, segmentCount } from '../phone-numbers';
import { elements, parseTwiml, textOf } from '../twiml';
import type { Delivery, SimAccount, SimMessage } from '../types';
import { ok, sendWebhook } from '../webhook';
import { storeMedia } from './media';
import { AUTO_REPLIES, optOutTypeOf } from './opt-out';

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  media: { contentType: string; bytes: Buffer }[];
  /** Resend the identical webhook this many more times, one after the other. */
  retry: number;
  /** Deliver this many identical webhooks at once. */
  concurrent: number;
}

function outboundReply(ctx: SimContext, account: SimAccount, from: string, to: string, body: string): SimMessage {
  const now = new Date();
  const m: SimMessage = {
    sid: newSid('SM'),
    accountSid: account.sid,
    direction: 'outbound-reply',
    from,
    to,
    body,
    status: 'delivered',
    errorCode: null,
    numSegments: segmentCount(body),
    mediaUrls: [],
    media: [],
    statusCallback: null,
    dateCreated: now,
    dateUpdated: now,
    dateSent: now,
  };
  ctx.state.addMessage(m);
  return m;
}

/** <Response><Message>…</Message></Response>: Twilio sends each as a reply. */
function sendTwimlReplies(ctx: SimContext, account: SimAccount, m: SimMessage, d: Delivery): void {
  if (!ok(d) || !d.body.trim().startsWith('<')) return;
  try {
    for (const verb of elements(parseTwiml(d.body))) {
      if (verb.name !== 'Message') continue;
      const bodyNode = elements(verb).find((n) => n.name === 'Body');
      const text = bodyNode ? textOf(bodyNode) : textOf(verb);
      const from = verb.attrs.from || m.to;
      const to = verb.attrs.to || m.from;
      // Twilio refuses replies to an opted-out client (21610), so nothing reaches them.
      if (text && !ctx.state.isOptedOut(from, to)) outboundReply(ctx, account, from, to, text);
    }
  } catch {
    ctx.log(`simulator: the app answered ${m.sid} with TwiML that does not parse`);
  }
}

export async function receiveSms(ctx: SimContext, account: SimAccount, input: InboundSms) {
  const now = new Date();
  const optOut = optOutTypeOf(input.body);
  const message: SimMessage = {
    sid: newSid(input.media.length ? 'MM' : 'SM'),
    accountSid: account.sid,
    direction: 'inbound',
    from: input.from,
    to: input.to,
    body: input.body,
    status: 'received',
    errorCode: null,
    numSegments: segmentCount(input.body),
    mediaUrls: [],
    media: [],
    statusCallback: null,
    optOutType: optOut ?? undefined,
    dateCreated: now,
    dateUpdated: now,
    dateSent: now,
  };
  for (const item of input.media) message.media.push(storeMedia(ctx, account.sid, message.sid, item.contentType, item.bytes).sid);
  if (optOut === 'STOP') ctx.state.setOptOut(input.to, input.from, true);
  if (optOut === 'START') ctx.state.setOptOut(input.to, input.from, false);
  ctx.state.addMessage(message);

  const params: Record<string, string> = {
    ...geoFields('To', input.to),
    SmsMessageSid: message.sid,
    NumMedia: String(message.media.length),
    SmsSid: message.sid,
    SmsStatus: 'received',
    Body: input.body,
    To: input.to,
    NumSegments: String(message.numSegments),
    MessageSid: message.sid,
    AccountSid: account.sid,
    From: input.from,
    ApiVersion: '2010-04-01',
    ...geoFields('From', input.from),
  };
  message.media.forEach((sid, n) => {
    params[`MediaContentType${n}`] = ctx.state.media.get(sid)!.contentType;
    params[`MediaUrl${n}`] = `${ctx.simUrl}/2010-04-01/Accounts/${account.sid}/Messages/${message.sid}/Media/${sid}`;
  });
  if (optOut) params.OptOutType = optOut;

  const request = {
    kind: 'sms' as const,
    url: `${ctx.appUrl}/webhooks/twilio/sms`,
    params,
    authToken: account.token,
    idempotencyToken: randomUUID(),
  };
  const deliveries: Delivery[] = [];
  if (input.concurrent > 1) {
    deliveries.push(...(await Promise.all(Array.from({ length: input.concurrent }, () => sendWebhook(ctx, request)))));
  } else deliveries.push(await sendWebhook(ctx, request));
  for (let i = 0; i < input.retry; i++) deliveries.push(await sendWebhook(ctx, request));

  // Twilio's own confirmation reaches the handset too.
  if (optOut) outboundReply(ctx, account, input.to, input.from, AUTO_REPLIES[optOut]);
  sendTwimlReplies(ctx, account, message, deliveries[0]);
  return { message, deliveries };
}
