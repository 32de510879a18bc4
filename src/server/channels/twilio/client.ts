/** Twilio's REST API (Messages, Calls) at a configurable base URL: form posts with basic auth. */
import type { TwilioChannel } from './connection';

export class TwilioError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** Network trouble, 5xx and 429 may pass on a later try; other 4xx will not. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export async function twilioPost<T = any>(
  baseUrl: string,
  channel: Pick<TwilioChannel, 'accountSid' | 'authToken'>,
  resource: 'Messages' | 'Calls',
  form: Record<string, string | string[] | undefined>,
): Promise<T> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/2010-04-01/Accounts/${channel.accountSid}/${resource}.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${channel.accountSid}:${channel.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new TwilioError(`Twilio could not be reached (${(err as Error).message}).`, 0, 'network', true);
  }
  const text = await res.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (res.ok) return data as T;
  const transient = res.status >= 500 || res.status === 429;
  const code = data?.code != null ? String(data.code) : `http_${res.status}`;
  throw new TwilioError(data?.message ?? `Twilio answered ${res.status}.`, res.status, code, transient);
}
