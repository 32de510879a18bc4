import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioJsonSignature, verifyTwilioSignature } from '../../src/server/channels/twilio/signature';

// The four vectors of ../shared/reference/providers.md.
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };

describe('Twilio signature vectors', () => {
  it('signs the form parameters with the URL', () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
  });

  it('accepts the URL written with :443', () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(twilioSignature(TOKEN, withPort, PARAMS)).toBe('kvajT1Ptam85bY51eRf/AJRuM3w=');
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, 'kvajT1Ptam85bY51eRf/AJRuM3w=')).toBe(true);
    expect(verifyTwilioSignature(TOKEN, withPort, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
  });

  it('changes with the parameters', () => {
    const other = { ...PARAMS, Caller: '+14158675310', From: '+14158675310' };
    expect(twilioSignature(TOKEN, URL, other)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(verifyTwilioSignature(TOKEN, URL, other, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(verifyTwilioSignature('54321', URL, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
  });

  it('signs a JSON body through bodySHA256 in the URL', () => {
    const body = '{"property": "value", "boolean": true}';
    const hash = crypto.createHash('sha256').update(body).digest('hex');
    expect(hash).toBe('0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620');
    const url = `${URL}&bodySHA256=${hash}`;
    expect(twilioSignature(TOKEN, url)).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
    expect(verifyTwilioJsonSignature(TOKEN, url, body, 'a9nBmqA0ju/hNViExpshrM61xv4=')).toBe(true);
    expect(verifyTwilioJsonSignature(TOKEN, url, body + ' ', 'a9nBmqA0ju/hNViExpshrM61xv4=')).toBe(false);
  });

  it('covers repeated parameters with each distinct value, sorted', () => {
    const a = twilioSignature(TOKEN, URL, { MediaUrl: ['b', 'a', 'b'] });
    expect(a).toBe(twilioSignature(TOKEN, URL, { MediaUrl: ['a', 'b'] }));
    expect(a).toBe(crypto.createHmac('sha1', TOKEN).update(URL + 'MediaUrla' + 'MediaUrlb').digest('base64'));
  });
});
