/**
 * The simulator's HTTP client towards the app: form-encoded requests signed as Twilio signs them,
 * with Twilio's headers. Every request and the app's answer is kept in state.deliveries.
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from './context';
import { twilioSignature } from './signature';
import type { Delivery } from './types';

/** Twilio waits 15 seconds for an answer. */
const TIMEOUT_MS = 15_000;

export interface WebhookRequest {
  kind: Delivery['kind'];
  url: string;
  params: Record<string, string>;
  authToken: string;
  method?: 'GET' | 'POST';
  /** Twilio repeats the same token when it retries a request. */
  idempotencyToken?: string;
}

export async function sendWebhook(ctx: SimContext, req: WebhookRequest): Promise<Delivery> {
  const method = req.method ?? 'POST';
  let url = req.url;
  let body: string | undefined;
  let signature: string;
  if (method === 'GET') {
    // GET: the parameters go into the query string and the signature covers the URL alone.
    const query = new URLSearchParams(req.params).toString();
    url = query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
    signature = twilioSignature(req.authToken, url);
  } else {
    body = new URLSearchParams(req.params).toString();
    signature = twilioSignature(req.authToken, url, req.params);
  }
  const headers: Record<string, string> = {
    accept: '*/*',
    'user-agent': 'TwilioProxy/1.1',
    'x-twilio-signature': signature,
    'i-twilio-idempotency-token': req.idempotencyToken ?? randomUUID(),
    'x-home-region': 'us1',
  };
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

  const delivery: Delivery = {
    kind: req.kind,
    method,
    url,
    params: req.params,
    status: 0,
    body: '',
    contentType: null,
    at: new Date(),
  };
  try {
    const res = await fetch(url, {
      method,
      headers,
      body,
      redirect: 'follow',
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
    delivery.status = res.status;
    delivery.contentType = res.headers.get('content-type');
    delivery.body = await res.text();
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    delivery.error = err instanceof Error ? `${err.message}${err.cause ? `: ${String(err.cause)}` : ''}` : String(err);
  }
  ctx.state.addDelivery(delivery);
  return delivery;
}

export function ok(d: Delivery): boolean {
  return d.status >= 200 && d.status < 300;
}
