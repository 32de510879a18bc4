/** The simulator's records. Dates are real Date objects; views turn them into wire formats. */

export interface SimAccount {
  sid: string;
  token: string;
  /** E.164 numbers owned by the account (the practice numbers). */
  numbers: string[];
}

export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

export interface SimMessage {
  sid: string;
  accountSid: string;
  direction: MessageDirection;
  from: string;
  to: string;
  body: string;
  status: string;
  errorCode: number | null;
  numSegments: number;
  /** Outbound: the MediaUrl values given to the API. */
  mediaUrls: string[];
  /** Stored media (ME sids), fetched (outbound) or uploaded (inbound). */
  media: string[];
  statusCallback: string | null;
  optOutType?: 'STOP' | 'START' | 'HELP';
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export interface SimMedia {
  sid: string;
  accountSid: string;
  messageSid: string;
  contentType: string;
  bytes: Buffer;
  dateCreated: Date;
}

export type CallStatus =
  | 'queued'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'failed'
  | 'no-answer'
  | 'canceled';

export type CallEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface SimCall {
  sid: string;
  accountSid: string;
  parentCallSid: string | null;
  direction: 'inbound' | 'outbound-api' | 'outbound-dial';
  from: string;
  to: string;
  status: CallStatus;
  callerName: string | null;
  statusCallback: string | null;
  statusCallbackMethod: 'GET' | 'POST';
  statusEvents: CallEvent[];
  /** SequenceNumber of the next status callback. */
  sequence: number;
  /** Who picked up: a phone page, the automatic callee, or a scripted test caller. */
  answeredBy: 'phone-page' | 'auto' | 'script' | null;
  startTime: Date | null;
  endTime: Date | null;
  duration: number | null;
  dateCreated: Date;
  dateUpdated: Date;
  /** Every TwiML document the app answered with, in order. */
  twiml: string[];
  /** What a caller would have heard or done, for people reading the result. */
  transcript: string[];
  recordings: string[];
}

export interface SimRecording {
  sid: string;
  accountSid: string;
  callSid: string;
  duration: number;
  channels: 1 | 2;
  source: 'DialVerb' | 'RecordVerb' | 'OutboundAPI';
  dateCreated: Date;
}

/** One HTTP request the simulator made to the app, with the app's answer. */
export interface Delivery {
  kind: 'sms' | 'message-status' | 'voice' | 'call-status' | 'action' | 'recording-status';
  method: 'GET' | 'POST';
  url: string;
  params: Record<string, string>;
  /** The app's HTTP status; 0 when the request failed (network error or timeout). */
  status: number;
  body: string;
  contentType: string | null;
  error?: string;
  at: Date;
}
