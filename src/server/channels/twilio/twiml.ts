/**
 * TwiML for calls, and the callback URLs it names. Every callback URL carries the location and
 * channel (`?location=…&channel=…`): Twilio's recording and child-leg callbacks do not name our
 * number, and the query is part of what Twilio signs, so it cannot be altered.
 */
import type { TwilioChannel } from './connection';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

const response = (inner: string) => `${XML}<Response>${inner}</Response>`;
const say = (text: string) => `<Say>${escapeXml(text)}</Say>`;

export type VoicePath = 'voice-status' | 'voice-dial' | 'voice-connect' | 'recording';

export function voiceUrl(publicUrl: string, path: VoicePath, channel: Pick<TwilioChannel, 'locationId' | 'id'>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ location: channel.locationId, channel: channel.id, ...extra });
  return `${publicUrl}/webhooks/twilio/${path}?${q}`;
}

/** Seconds the forwarding number rings before the caller is offered voicemail. */
export const FORWARD_TIMEOUT = 20;
/** Longest voicemail, in seconds. */
export const VOICEMAIL_MAX_SECONDS = 120;

interface DialTarget {
  publicUrl: string;
  channel: TwilioChannel;
  number: string;
  direction: 'inbound' | 'outbound';
  callerId?: string;
  timeout: number;
}

/** <Dial> one number, recording both sides from the answer, with our status and action callbacks. */
function dial(t: DialTarget): string {
  const { publicUrl, channel } = t;
  return `<Dial${attrs({
    action: voiceUrl(publicUrl, 'voice-dial', channel, { direction: t.direction }),
    callerId: t.callerId,
    timeout: t.timeout,
    record: 'record-from-answer-dual',
    recordingStatusCallback: voiceUrl(publicUrl, 'recording', channel),
    recordingStatusCallbackEvent: 'completed',
  })}><Number${attrs({
    statusCallback: voiceUrl(publicUrl, 'voice-status', channel),
    statusCallbackEvent: 'answered completed',
  })}>${escapeXml(t.number)}</Number></Dial>`;
}

/** An incoming call: ring the practice's forwarding number, recording once someone answers. */
export const forwardTwiml = (publicUrl: string, channel: TwilioChannel, forwardingNumber: string) =>
  response(dial({ publicUrl, channel, number: forwardingNumber, direction: 'inbound', timeout: FORWARD_TIMEOUT }));

/** Nobody answered (or there is no one to ring): take a message. */
export function voicemailTwiml(publicUrl: string, channel: TwilioChannel, practice: string): string {
  return response(
    say(`Thank you for calling ${practice}. We can't take your call right now. Please leave a message after the beep.`) +
      `<Record${attrs({
        action: voiceUrl(publicUrl, 'voice-dial', channel, { step: 'recorded' }),
        maxLength: VOICEMAIL_MAX_SECONDS,
        playBeep: 'true',
        recordingStatusCallback: voiceUrl(publicUrl, 'recording', channel, { kind: 'voicemail' }),
        recordingStatusCallbackEvent: 'completed',
      })}/>`,
  );
}

/**
 * A caller with DND (inbound, global or Call). We answer with a short message and hang up rather
 * than <Reject reason="busy">: a busy tone invites redialling and explains nothing, while one
 * sentence tells the caller plainly that the line is not taking their calls. The cost is a few
 * seconds of answered time.
 */
export const dndRejectTwiml = () => response(say('Sorry, we are not available to take your call. Goodbye.') + '<Hangup/>');

/** Click to call, once the user's own phone has answered: connect the contact. */
export const connectTwiml = (publicUrl: string, channel: TwilioChannel, contactPhone: string) =>
  response(say('Connecting your call.') + dial({ publicUrl, channel, number: contactPhone, direction: 'outbound', callerId: channel.phoneNumber, timeout: 30 }));

export const sayAndHangup = (text: string) => response(say(text) + '<Hangup/>');
export const HANGUP = response('<Hangup/>');
