/** Which MediaUrl/RecordingUrl a Twilio webhook may name, and the URL the bytes are fetched from. */
import { describe, expect, it } from 'vitest';
import { twilioMediaUrl } from '../../src/server/channels/twilio/download';
import { isTwilioApiUrl, mediaSidOf } from '../../src/server/channels/twilio/media-ref';

const BASE = 'http://127.0.0.1:3030';
const AC = 'AC' + 'a1'.repeat(16);
const MM = 'MM' + 'b2'.repeat(16);
const ME = 'ME' + 'c3'.repeat(16);
const path = `/2010-04-01/Accounts/${AC}/Messages/${MM}/Media/${ME}`;

describe('Twilio media references', () => {
  it('accept the configured base and Twilio’s own https hosts, nothing else', () => {
    for (const ok of [`${BASE}${path}`, `https://api.twilio.com${path}`, `https://api.dublin.ie1.twilio.com${path}`]) expect(isTwilioApiUrl(ok, BASE), ok).toBe(true);
    for (const bad of [
      `http://127.0.0.1:3031${path}`, // same host, other port
      `http://localhost:3030${path}`,
      `http://api.twilio.com${path}`, // not https
      `https://api.twilio.com:8443${path}`,
      `https://api.twilio.com.evil.example${path}`,
      `https://eviltwilio.com${path}`,
      `http://169.254.169.254${path}`,
      'not a url',
      '',
    ]) {
      expect(isTwilioApiUrl(bad, BASE), bad).toBe(false);
    }
  });

  it('take the media SID from the last path segment only', () => {
    expect(mediaSidOf(`https://api.twilio.com${path}`, BASE)).toBe(ME);
    expect(mediaSidOf(`https://api.twilio.com${path}?x=1`, BASE)).toBe(ME);
    expect(mediaSidOf(`https://api.twilio.com${path}/extra`, BASE)).toBeNull();
    expect(mediaSidOf(`https://api.twilio.com/2010-04-01/Accounts/${AC}/Messages/${MM}/Media/ME123`, BASE)).toBeNull();
    expect(mediaSidOf(`https://evil.example${path}`, BASE)).toBeNull();
  });

  it('rebuild the download URL from SIDs under the configured base', () => {
    expect(twilioMediaUrl(`${BASE}/`, AC, { kind: 'mms', messageSid: MM, mediaSid: ME })).toBe(`${BASE}${path}`);
    expect(twilioMediaUrl('https://api.twilio.com', AC, { kind: 'recording', recordingSid: 'RE' + 'd4'.repeat(16) })).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${AC}/Recordings/RE${'d4'.repeat(16)}.wav`,
    );
    expect(() => twilioMediaUrl(BASE, AC, { kind: 'mms', messageSid: MM, mediaSid: '../../x' })).toThrow(/malformed/);
  });
});
