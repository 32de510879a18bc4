/**
 * Inbound SMS/MMS: one message per MessageSid (retries and concurrent deliveries store nothing
 * more), the contact found or created by phone, opt-out keywords applied, media fetched by a job;
 * TwiML is answered only after the transaction committed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Contact } from '#shared/contacts';
import type { Tx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import type { InboundEnvelope } from '../../messages/envelope';
import { sendSystemMessage } from '../../messages/system-send';
import { setChannelDnd } from '../../contacts/dnd';
import { fullDndSettings } from '../../contacts/serialize';
import type { TwilioChannel } from './connection';
import { mediaSidOf } from './media-ref';
import { authenticateTwilio, first, TWIML_EMPTY } from './webhook-auth';
import type { FormParams } from './signature';

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);
const E164 = /^\+[1-9]\d{6,14}$/;

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

const MMS_EXT: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3',
  'audio/wav': 'wav', 'application/pdf': 'pdf', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf', 'text/plain': 'txt', 'text/csv': 'csv',
};

export const mmsFileName = (i: number, contentType: string) => `mms-${i + 1}.${MMS_EXT[contentType.split(';')[0]] ?? 'bin'}`;

/** The message as the core's ingest takes it (messages/envelope.ts). */
export function envelopeOf(channel: TwilioChannel, sms: InboundSms): InboundEnvelope {
  return {
    locationId: channel.locationId,
    channelId: channel.id,
    provider: 'twilio',
    identity: { kind: 'phone', value: sms.from },
    source: 'sms',
    messageType: 'TYPE_SMS',
    providerMessageId: sms.sid,
    body: sms.body,
    channel: { from: sms.from, to: channel.phoneNumber, channelId: channel.id, segments: sms.segments, mediaPending: 0 },
    // By SID only: the bytes come from TWILIO_API_BASE_URL (media.ts), never from a URL the webhook named.
    media: sms.media.map((m, i) => ({
      ref: m.sid,
      contentType: m.contentType,
      fileName: mmsFileName(i, m.contentType),
    })),
  };
}

const keywordOf = (body: string) => body.trim().toUpperCase();

/**
 * Stores an inbound SMS/MMS durably (the webhook answers only after this). A plain text message —
 * the vast majority — joins the group commit; one with media (a fetch job) or an
 * opt-out/opt-in/help keyword (DND changes, an automatic reply) takes its own transaction.
 */
export async function storeInboundSms(deps: Deps, channel: TwilioChannel, sms: InboundSms): Promise<void> {
  const word = keywordOf(sms.body);
  const keyword = OPT_OUT.has(word) || OPT_IN.has(word) || HELP.has(word);
  await deps.ingest.submit(envelopeOf(channel, sms), keyword ? (tx, stored) => applyKeyword(tx, deps, channel, stored.contact, word) : undefined);
}

async function applyKeyword(tx: Tx, deps: Deps, channel: TwilioChannel, contact: Contact, word: string) {
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
    await sendSystemMessage(tx, deps, { locationId: channel.locationId, contact, type: 'SMS', body: text, userId: null, fromNumber: channel.phoneNumber, automated: 'help' });
  }
}
