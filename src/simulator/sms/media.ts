/** Stores message media: uploaded by the simulated client, or fetched from the app's MediaUrl. */
import type { SimContext } from '../context';
import { newSid } from '../ids';
import type { SimMedia } from '../types';

/** Content types Twilio accepts for MMS without conversion (a broad subset). */
const ACCEPTED = /^(image|audio|video|text)\/|^application\/(pdf|vcard|vnd\.|rtf|zip|msword|ogg)/;

export function storeMedia(ctx: SimContext, accountSid: string, messageSid: string, contentType: string, bytes: Buffer): SimMedia {
  const media: SimMedia = { sid: newSid('ME'), accountSid, messageSid, contentType, bytes, dateCreated: new Date() };
  ctx.state.media.set(media.sid, media);
  return media;
}

/** Fetches a MediaUrl as Twilio does (plain GET, redirects followed). Returns an error code on failure. */
export async function fetchMedia(
  ctx: SimContext,
  accountSid: string,
  messageSid: string,
  url: string,
): Promise<{ media: SimMedia } | { errorCode: number; reason: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { 'user-agent': 'TwilioProxy/1.1', accept: '*/*' },
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(15_000)]),
    });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return { errorCode: 11200, reason: `GET ${url}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!res.ok) return { errorCode: 11200, reason: `GET ${url}: HTTP ${res.status}` };
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!ACCEPTED.test(contentType)) return { errorCode: 12300, reason: `GET ${url}: content type "${contentType}"` };
  const bytes = Buffer.from(await res.arrayBuffer());
  return { media: storeMedia(ctx, accountSid, messageSid, contentType, bytes) };
}
