/** Call legs: creation, the parameters Twilio sends about a call, and call-progress callbacks. */
import type { SimContext } from '../context';
import { newSid, rfc2822 } from '../ids';
import { geoFields } from '../phone-numbers';
import type { CallEvent, CallStatus, SimAccount, SimCall } from '../types';
import { sendWebhook } from '../webhook';

/** The SIP answer Twilio reports for an outbound leg's final status. */
const SIP_CODES: Partial<Record<CallStatus, string>> = { completed: '200', busy: '486', 'no-answer': '487', canceled: '487', failed: '500' };

export const FINAL: CallStatus[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

export function newCall(init: Pick<SimCall, 'accountSid' | 'direction' | 'from' | 'to'> & Partial<SimCall>): SimCall {
  const now = new Date();
  return {
    sid: newSid('CA'),
    parentCallSid: null,
    status: 'queued',
    callerName: null,
    statusCallback: null,
    statusCallbackMethod: 'POST',
    statusEvents: [],
    sequence: 0,
    answeredBy: null,
    startTime: null,
    endTime: null,
    duration: null,
    dateCreated: now,
    dateUpdated: now,
    twiml: [],
    transcript: [],
    recordings: [],
    ...init,
  };
}

/** `StatusCallbackEvent` values: repeated fields and/or space-separated; default `completed`. */
export function parseEvents(values: string[]): CallEvent[] {
  const known: CallEvent[] = ['initiated', 'ringing', 'answered', 'completed'];
  const asked = values.flatMap((v) => v.split(/[\s,]+/)).filter((v): v is CallEvent => known.includes(v as CallEvent));
  return asked.length ? [...new Set(asked)] : ['completed'];
}

/** The parameters of every voice request about a call (TwiML fetches, actions, callbacks). */
export function callParams(call: SimCall): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: call.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: call.status,
    Called: call.to,
    Caller: call.from,
    Direction: call.direction,
    From: call.from,
    To: call.to,
    ...geoFields('Called', call.to),
    ...geoFields('Caller', call.from),
    ...geoFields('From', call.from),
    ...geoFields('To', call.to),
  };
  if (call.parentCallSid) params.ParentCallSid = call.parentCallSid;
  if (call.callerName) params.CallerName = call.callerName;
  return params;
}

export function setStatus(ctx: SimContext, call: SimCall, status: CallStatus): void {
  call.status = status;
  const now = new Date();
  if (status === 'in-progress' && !call.startTime) call.startTime = now;
  if (FINAL.includes(status)) {
    call.endTime = now;
    if (call.duration === null) call.duration = 0;
  }
  ctx.state.touchCall(call);
}

/** A call-progress-events callback, when the call asked for that event. */
export async function callEvent(ctx: SimContext, account: SimAccount, call: SimCall, event: CallEvent): Promise<void> {
  if (!call.statusCallback || !call.statusEvents.includes(event)) return;
  const params: Record<string, string> = {
    ...callParams(call),
    CallbackSource: 'call-progress-events',
    SequenceNumber: String(call.sequence++),
    StatusCallbackEvent: event,
    Timestamp: rfc2822(new Date()),
  };
  if (event === 'completed') {
    const seconds = call.duration ?? 0;
    params.CallDuration = String(seconds);
    // Duration: billed minutes, rounded up (unconfirmed; CallDuration is the one in seconds).
    params.Duration = String(Math.ceil(seconds / 60));
    if (call.direction !== 'inbound') params.SipResponseCode = SIP_CODES[call.status] ?? '200';
  }
  await sendWebhook(ctx, {
    kind: 'call-status',
    url: call.statusCallback,
    params,
    authToken: account.token,
    method: call.statusCallbackMethod,
  });
}
