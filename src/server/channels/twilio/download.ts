/**
 * Downloads from Twilio: MMS media and call recordings, named by their SIDs and fetched from the
 * configured API base (TWILIO_API_BASE_URL) — never from a URL a webhook supplied — through the
 * outbound-fetch guard (net/outbound-fetch.ts). Basic auth goes to the API origin only; the
 * API's redirects may lead to Twilio's media storage (mms.twiliocdn.com for media behind HTTP
 * auth, s3-external-1.amazonaws.com for older public media), at public addresses only.
 */
import { OutboundFetchError, safeFetch, safeFetchStream, type FetchedStream, type FetchPolicy } from '../../net/outbound-fetch';
import type { TwilioChannel } from './connection';

export type TwilioMediaRef = { kind: 'mms'; messageSid: string; mediaSid: string } | { kind: 'recording'; recordingSid: string };

const SID = { account: /^AC[0-9a-fA-F]{32}$/, message: /^(SM|MM)[0-9a-fA-F]{32}$/, media: /^ME[0-9a-fA-F]{32}$/, recording: /^RE[0-9a-fA-F]{32}$/ };

/** Where Twilio's API may send us for the bytes (redirect targets, not credentialed). */
const TWILIO_MEDIA_HOSTS = [/(^|\.)twiliocdn\.com$/, /(^|\.)twilio\.com$/, 's3-external-1.amazonaws.com'];

export function twilioFetchPolicy(baseUrl: string): FetchPolicy {
  const api = new URL(baseUrl).origin;
  return { trustedOrigins: [api], allowedHosts: TWILIO_MEDIA_HOSTS, credentialOrigins: [api] };
}

/** The REST URL of a media file or recording, built from SIDs only. */
export function twilioMediaUrl(baseUrl: string, accountSid: string, ref: TwilioMediaRef): string {
  const ok = SID.account.test(accountSid) && (ref.kind === 'mms' ? SID.message.test(ref.messageSid) && SID.media.test(ref.mediaSid) : SID.recording.test(ref.recordingSid));
  if (!ok) throw new OutboundFetchError('host_not_allowed', 'A Twilio SID is malformed.', false);
  const account = `${baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${accountSid}`;
  return ref.kind === 'mms' ? `${account}/Messages/${ref.messageSid}/Media/${ref.mediaSid}` : `${account}/Recordings/${ref.recordingSid}.wav`;
}

const TIMEOUT_MS = { mms: 20_000, recording: 120_000 };

type Credentials = Pick<TwilioChannel, 'accountSid' | 'authToken'>;

function request(baseUrl: string, channel: Credentials, ref: TwilioMediaRef, maxBytes: number) {
  const basic = Buffer.from(`${channel.accountSid}:${channel.authToken}`).toString('base64');
  const options = { credentials: { authorization: `Basic ${basic}` }, maxBytes, timeoutMs: TIMEOUT_MS[ref.kind] };
  return [twilioFetchPolicy(baseUrl), twilioMediaUrl(baseUrl, channel.accountSid, ref), options] as const;
}

/** A Twilio media file or recording as a stream of at most maxBytes (for large files). */
export const openTwilioMedia = async (baseUrl: string, channel: Credentials, ref: TwilioMediaRef, maxBytes: number): Promise<FetchedStream> =>
  safeFetchStream(...request(baseUrl, channel, ref, maxBytes));

/** A Twilio media file or recording in memory (at most maxBytes). */
export const downloadTwilioMedia = async (baseUrl: string, channel: Credentials, ref: TwilioMediaRef, maxBytes: number): Promise<Buffer> =>
  (await safeFetch(...request(baseUrl, channel, ref, maxBytes))).bytes;

/**
 * Worth another try by the queue: transient failures, and 404 (Twilio may answer it for a moment
 * after the callback). Refused hosts or addresses, oversized files and other 4xx will not change.
 */
export const retryLater = (err: unknown): boolean =>
  !(err instanceof OutboundFetchError) || err.transient || (err.kind === 'http_status' && err.status === 404);
