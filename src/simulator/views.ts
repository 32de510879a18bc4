/** Wire shapes: Twilio's REST resources, and the simulator's own JSON for tests and the phone page. */
import { rfc2822 } from './ids';
import type { SimState } from './state';
import type { SimCall, SimMessage, SimRecording } from './types';

const API = '/2010-04-01';

const date = (d: Date | null) => (d ? rfc2822(d) : null);

export function messageResource(m: SimMessage) {
  const base = `${API}/Accounts/${m.accountSid}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: date(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: String(Math.max(m.mediaUrls.length, m.media.length)),
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${base}/Media.json` },
    to: m.to,
    uri: `${base}.json`,
  };
}

function formatted(number: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : number;
}

export function callResource(c: SimCall) {
  const base = `${API}/Accounts/${c.accountSid}/Calls/${c.sid}`;
  return {
    account_sid: c.accountSid,
    annotation: null,
    answered_by: null,
    api_version: '2010-04-01',
    caller_name: c.callerName,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    direction: c.direction,
    duration: c.duration === null ? null : String(c.duration),
    end_time: date(c.endTime),
    forwarded_from: null,
    from: c.from,
    from_formatted: formatted(c.from),
    group_sid: null,
    parent_call_sid: c.parentCallSid,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: c.sid,
    start_time: date(c.startTime),
    status: c.status,
    subresource_uris: {
      notifications: `${base}/Notifications.json`,
      recordings: `${base}/Recordings.json`,
      events: `${base}/Events.json`,
      payments: `${base}/Payments.json`,
      siprec: `${base}/Siprec.json`,
      streams: `${base}/Streams.json`,
      transcriptions: `${base}/Transcriptions.json`,
      user_defined_message_subscriptions: `${base}/UserDefinedMessageSubscriptions.json`,
      user_defined_messages: `${base}/UserDefinedMessages.json`,
    },
    to: c.to,
    to_formatted: formatted(c.to),
    trunk_sid: null,
    uri: `${base}.json`,
  };
}

export function recordingUrl(simUrl: string, r: { accountSid: string; sid: string }): string {
  return `${simUrl}${API}/Accounts/${r.accountSid}/Recordings/${r.sid}`;
}

export function recordingResource(r: SimRecording) {
  return {
    account_sid: r.accountSid,
    api_version: '2010-04-01',
    call_sid: r.callSid,
    channels: r.channels,
    conference_sid: null,
    date_created: rfc2822(r.dateCreated),
    date_updated: rfc2822(r.dateCreated),
    duration: String(r.duration),
    error_code: null,
    price: null,
    price_unit: 'USD',
    sid: r.sid,
    source: r.source,
    start_time: rfc2822(r.dateCreated),
    status: 'completed',
    uri: `${API}/Accounts/${r.accountSid}/Recordings/${r.sid}.json`,
  };
}

/** The simulator's view of a message (control API, phone page). */
export function messageView(state: SimState, m: SimMessage) {
  return {
    sid: m.sid,
    accountSid: m.accountSid,
    direction: m.direction,
    from: m.from,
    to: m.to,
    body: m.body,
    status: m.status,
    errorCode: m.errorCode,
    numSegments: m.numSegments,
    optOutType: m.optOutType ?? null,
    media: m.media.map((sid) => ({ sid, contentType: state.media.get(sid)?.contentType ?? null, url: `/_sim/media/${sid}` })),
    dateCreated: m.dateCreated.toISOString(),
    dateUpdated: m.dateUpdated.toISOString(),
  };
}

export function callView(state: SimState, c: SimCall, simUrl: string) {
  return {
    sid: c.sid,
    accountSid: c.accountSid,
    parentCallSid: c.parentCallSid,
    direction: c.direction,
    from: c.from,
    to: c.to,
    status: c.status,
    answeredBy: c.answeredBy,
    duration: c.duration,
    startTime: c.startTime?.toISOString() ?? null,
    endTime: c.endTime?.toISOString() ?? null,
    dateCreated: c.dateCreated.toISOString(),
    twiml: c.twiml,
    transcript: c.transcript,
    recordings: c.recordings.flatMap((sid) => {
      const r = state.recordings.get(sid);
      return r ? [{ sid, url: recordingUrl(simUrl, r), duration: r.duration, channels: r.channels, source: r.source }] : [];
    }),
  };
}
