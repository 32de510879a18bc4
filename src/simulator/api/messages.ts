/** The Messages resource: create (send), fetch, and the media sub-resource. */
import type { FastifyInstance } from 'fastify';
import { background, type SimContext } from '../context';
import { newSid, rfc2822 } from '../ids';
import { isE164, segmentCount } from '../phone-numbers';
import { runOutboundMessage } from '../sms/outbound';
import { errors } from '../twilio-errors';
import type { SimMessage } from '../types';
import { messageResource } from '../views';
import { formOf, many, one } from './guard';

const BASE = '/Accounts/:accountSid/Messages';

type Params = { accountSid: string; messageSid: string; mediaSid: string };

function validUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function messageRoutes(api: FastifyInstance, ctx: SimContext): void {
  const { state } = ctx;

  api.post<{ Params: Params }>(`${BASE}.json`, async (req, reply) => {
    const account = state.accounts.get(req.params.accountSid)!;
    const form = formOf(req);
    const to = one(form.To)?.trim();
    const from = one(form.From)?.trim();
    const service = one(form.MessagingServiceSid);
    const body = one(form.Body) ?? '';
    const mediaUrls = many(form.MediaUrl).filter((u) => u !== '');
    const statusCallback = one(form.StatusCallback) || null;

    const fail = (e: { status: number }) => reply.code(e.status).send(e);
    if (!to) return fail(errors.toRequired());
    if (!from) return fail(service ? errors.noServiceNumber() : errors.fromRequired());
    if (body === '' && mediaUrls.length === 0) return fail(errors.bodyRequired());
    if (body.length > 1600) return fail(errors.bodyTooLong());
    if (!isE164(to)) return fail(errors.invalidTo(to));
    if (!isE164(from)) return fail(errors.invalidFrom(from));
    if (!account.numbers.includes(from)) return fail(errors.fromNotOwned(from));
    if (statusCallback && !validUrl(statusCallback)) return fail(errors.invalidStatusCallback());
    if (state.isOptedOut(from, to)) return fail(errors.unsubscribed());

    const now = new Date();
    const message: SimMessage = {
      sid: newSid(mediaUrls.length ? 'MM' : 'SM'),
      accountSid: account.sid,
      direction: 'outbound-api',
      from,
      to,
      body,
      status: 'queued',
      errorCode: null,
      numSegments: mediaUrls.length ? 1 : segmentCount(body),
      mediaUrls,
      media: [],
      statusCallback,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
    };
    state.addMessage(message);
    background(ctx, `message ${message.sid}`, () => runOutboundMessage(ctx, account, message));
    return reply.code(201).send(messageResource(message));
  });

  api.get<{ Params: Params }>(`${BASE}/:messageSid`, async (req, reply) => {
    const sid = req.params.messageSid.replace(/\.json$/, '');
    const m = state.message(sid);
    if (!req.params.messageSid.endsWith('.json') || !m || m.accountSid !== req.params.accountSid) {
      return reply.code(404).send(errors.notFound(req.url.split('?')[0]));
    }
    return messageResource(m);
  });

  api.get<{ Params: Params }>(`${BASE}/:messageSid/Media.json`, async (req, reply) => {
    const m = state.message(req.params.messageSid);
    if (!m || m.accountSid !== req.params.accountSid) return reply.code(404).send(errors.notFound(req.url.split('?')[0]));
    const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json`;
    return {
      media_list: m.media.flatMap((sid) => {
        const media = state.media.get(sid);
        if (!media) return [];
        return [
          {
            account_sid: media.accountSid,
            content_type: media.contentType,
            date_created: rfc2822(media.dateCreated),
            date_updated: rfc2822(media.dateCreated),
            parent_sid: m.sid,
            sid,
            uri: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}/Media/${sid}.json`,
          },
        ];
      }),
      end: Math.max(m.media.length - 1, 0),
      first_page_uri: `${uri}?PageSize=50&Page=0`,
      next_page_uri: null,
      page: 0,
      page_size: 50,
      previous_page_uri: null,
      start: 0,
      uri: `${uri}?PageSize=50&Page=0`,
    };
  });

  // The media file. Twilio answers with a redirect to a storage URL; so does the simulator.
  api.get<{ Params: Params }>(`${BASE}/:messageSid/Media/:mediaSid`, async (req, reply) => {
    const sid = req.params.mediaSid.replace(/\.json$/, '');
    const media = state.media.get(sid);
    if (!media || media.messageSid !== req.params.messageSid || media.accountSid !== req.params.accountSid) {
      return reply.code(404).send(errors.notFound(req.url.split('?')[0]));
    }
    if (req.params.mediaSid.endsWith('.json')) {
      return {
        account_sid: media.accountSid,
        content_type: media.contentType,
        date_created: rfc2822(media.dateCreated),
        date_updated: rfc2822(media.dateCreated),
        parent_sid: media.messageSid,
        sid: media.sid,
        uri: `/2010-04-01/Accounts/${media.accountSid}/Messages/${media.messageSid}/Media/${media.sid}.json`,
      };
    }
    return reply.redirect(`${ctx.simUrl}/_sim/media/${media.sid}`, 307);
  });
}
