/**
 * Inbound SMS/MMS: one message per MessageSid (retries and concurrent deliveries store nothing
 * more), the contact found or created by phone, opt-out keywords applied, media fetched by a job;
 * TwiML is answered only after the transaction committed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Contact } from '#shared/contacts';
import { withTx, type Tx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { enqueue } from '../../jobs/queue';
import { recordMessage } from '../../messages/record';
import { inboundQueue } from '../../messages/inbound-queue';
import type { InboundItem } from '../../messages/inbound-batch';
import { setChannelDnd } from '../../contacts/dnd';
import { findByPhone } from '../../contacts/lookup';
import { CONTACT_COLUMNS, fullDndSettings, toContact } from '../../contacts/serialize';
import type { TwilioChannel } from '../store';
import type { FetchMediaPayload } from './fetch-media';
import { mediaSidOf } from './media-ref';
import { queueSms } from './queue-sms';
import { authenticateTwilio, first, TWIML_EMPTY } from './webhook-auth';
import type { FormParams } from './signature';

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);
const E164 = /^\+[1-9]\d{6,14}$/;

/** The contact with this phone (main or additional), created when unknown; safe under races. */
export async function contactByPhone(tx: Tx, locationId: string, phone: string, source: string): Promise<Contact> {
  const find = () => findByPhone(tx, locationId, phone, CONTACT_COLUMNS);
  const found = await find();
  if (found) return toContact(found);
  const ins = await tx.query(
    `INSERT INTO contacts (location_id, phone, source) VALUES ($1, $2, $3)
     ON CONFLICT (location_id, phone) WHERE phone IS NOT NULL DO NOTHING RETURNING ${CONTACT_COLUMNS}`,
    [locationId, phone, source],
  );
  if (ins.rows[0]) {
    const contact = toContact(ins.rows[0]);
    tx.emit({ locationId, type: 'contact.created', data: contact });
    return contact;
  }
  return toContact((await find())!); // created meanwhile by a concurrent delivery
}

export interface InboundSms {
  sid: string;
  from: string;
  body: string;
  segments: number;
  /** Media by SID (the URLs given are not fetched: see media-ref.ts). */
  media: { sid: string; contentType: string }[];
}

/** The webhook's form parameters as an inbound SMS/MMS; malformed ones answer 400. */
export function parseInboundSms(params: FormParams, twilioBaseUrl: string): InboundSms {
  const sid = first(params.MessageSid) ?? first(params.SmsSid);
  const from = first(params.From)?.replace(/^whatsapp:/, '');
  if (!sid || !/^(SM|MM)[0-9a-fA-F]{32}$/.test(sid)) throw new AppError(400, 'malformed_webhook', 'MessageSid is missing or malformed.');
  if (!from || !E164.test(from)) throw new AppError(400, 'malformed_webhook', 'From is not an E.164 number.');
  const numMedia = Number(first(params.NumMedia) ?? 0);
  if (!Number.isInteger(numMedia) || numMedia < 0 || numMedia > 10) throw new AppError(400, 'malformed_webhook', 'NumMedia is not valid.');
  const media = Array.from({ length: numMedia }, (_, i) => {
    const sid = mediaSidOf(first(params[`MediaUrl${i}`]) ?? '', twilioBaseUrl);
    if (!sid) throw new AppError(400, 'malformed_webhook', `MediaUrl${i} is missing or not a Twilio media URL.`);
    return { sid, contentType: first(params[`MediaContentType${i}`]) ?? 'application/octet-stream' };
  });
  return { sid, from, body: first(params.Body) ?? '', segments: Number(first(params.NumSegments) ?? 1), media };
}

export async function handleInboundSms(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { channel, params } = await authenticateTwilio(req, deps, 'To');
  await storeInboundSms(deps, channel, parseInboundSms(params, deps.config.providers.twilio));
  return reply.type('text/xml').send(TWIML_EMPTY);
}

/** The message as the set-based ingest path takes it (messages/inbound-batch.ts). */
export function inboundItem(channel: TwilioChannel, sms: InboundSms): InboundItem {
  return {
    locationId: channel.locationId,
    phone: sms.from,
    source: 'sms',
    messageType: 'TYPE_SMS',
    body: sms.body,
    provider: 'twilio',
    providerMessageId: sms.sid,
    channel: { from: sms.from, to: channel.phoneNumber, channelId: channel.id, segments: sms.segments, mediaPending: 0 },
  };
}

const keywordOf = (body: string) => body.trim().toUpperCase();

/**
 * Stores an inbound SMS/MMS durably (the webhook answers only after this). A plain text message —
 * the vast majority — joins the group commit of the inbound queue; one with media (a fetch job) or
 * an opt-out/opt-in/help keyword (DND changes, an automatic reply) takes its own transaction.
 */
export async function storeInboundSms(deps: Deps, channel: TwilioChannel, sms: InboundSms): Promise<void> {
  const word = keywordOf(sms.body);
  if (sms.media.length === 0 && !OPT_OUT.has(word) && !OPT_IN.has(word) && !HELP.has(word)) {
    await inboundQueue(deps.pool).submit(inboundItem(channel, sms));
    return;
  }
  await withTx(deps.pool, async (tx) => {
    const contact = await contactByPhone(tx, channel.locationId, sms.from, 'sms');
    const { message, duplicate } = await recordMessage(tx, {
      locationId: channel.locationId,
      contactId: contact.id,
      messageType: 'TYPE_SMS',
      direction: 'inbound',
      status: 'received',
      body: sms.body,
      provider: 'twilio',
      providerMessageId: sms.sid,
      channel: { from: sms.from, to: channel.phoneNumber, channelId: channel.id, segments: sms.segments, mediaPending: sms.media.length },
    });
    if (duplicate) return; // a provider retry: already stored, nothing more to do
    if (sms.media.length > 0) {
      const payload: FetchMediaPayload = { locationId: channel.locationId, messageId: message.id, channelId: channel.id, messageSid: sms.sid, media: sms.media };
      await enqueue(tx, 'twilio_fetch_media', payload, { jobKey: `media:${message.id}` });
    }
    await applyKeyword(tx, deps, channel, contact, word, message.conversationId);
  });
}

async function applyKeyword(tx: Tx, deps: Deps, channel: TwilioChannel, contact: Contact, word: string, conversationId: string) {
  const actor = { type: 'contact' as const, id: contact.id, name: contact.name };
  if (OPT_OUT.has(word)) {
    await setChannelDnd(tx, channel.locationId, contact.id, 'SMS', 'permanent', `replied ${word}`, actor);
  } else if (OPT_IN.has(word)) {
    if (fullDndSettings(contact.dndSettings).SMS.status !== 'inactive') {
      await setChannelDnd(tx, channel.locationId, contact.id, 'SMS', 'inactive', `replied ${word}`, actor);
    }
  } else if (HELP.has(word)) {
    const loc = await tx.query('SELECT name FROM locations WHERE id = $1', [channel.locationId]);
    const text = channel.helpText ?? `${loc.rows[0].name}: reply to this number to reach our team. Reply STOP to unsubscribe.`;
    await queueSms(tx, deps, { locationId: channel.locationId, conversationId, contact, channel, body: text, userId: null, automated: 'help' });
  }
}
