/**
 * The media a webhook names (MediaUrl{N}, RecordingUrl). Only the SID is taken from such a URL;
 * the bytes are fetched from a URL rebuilt under the configured API base (download.ts). A URL on
 * another host is not Twilio's: the webhook is refused as malformed (400) and nothing is fetched.
 */

/** A URL on the configured Twilio API base (same origin) or on Twilio's own API hosts. */
export function isTwilioApiUrl(url: string, baseUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.origin === new URL(baseUrl).origin) return true;
  return u.protocol === 'https:' && u.port === '' && /(^|\.)twilio\.com$/i.test(u.hostname);
}

const MEDIA_SID = /^ME[0-9a-fA-F]{32}$/;

/** The media SID of a MediaUrl (its last path segment), or null when it is not a Twilio media URL. */
export function mediaSidOf(url: string, baseUrl: string): string | null {
  if (!isTwilioApiUrl(url, baseUrl)) return null;
  const last = new URL(url).pathname.split('/').pop() ?? '';
  return MEDIA_SID.test(last) ? last : null;
}
