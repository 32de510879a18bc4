import { describe, expect, it } from 'vitest';
import {
  bodySha256,
  twilioSignature,
  urlPortVariants,
  validateTwilioSignature,
} from '../../src/simulator/signature';

// The test vectors of shared/reference/providers.md (Twilio section).
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};

describe('Twilio request signature', () => {
  it('signs the URL and the sorted parameters', () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('signs the URL as written, default port included', () => {
    expect(twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS)).toBe(
      'kvajT1Ptam85bY51eRf/AJRuM3w=',
    );
  });

  it('changes with the parameter values', () => {
    expect(twilioSignature(TOKEN, URL, { ...PARAMS, Caller: '+14158675310', From: '+14158675310' })).toBe(
      'GvWf1cFY/Q7PnoempGyD5oXAezc=',
    );
  });

  it('signs a JSON body through bodySHA256 in the URL and no parameters', () => {
    const hash = bodySha256('{"property": "value", "boolean": true}');
    expect(hash).toBe('0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620');
    expect(twilioSignature(TOKEN, `${URL}&bodySHA256=${hash}`)).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
  });

  it('is the same for any parameter order and input shape, and repeats count once per distinct value', () => {
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(twilioSignature(TOKEN, URL, reversed)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature(TOKEN, URL, new URLSearchParams(PARAMS))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    const a = twilioSignature(TOKEN, URL, { MediaUrl: ['b', 'a', 'b'] });
    expect(a).toBe(twilioSignature(TOKEN, URL, [['MediaUrl', 'a'], ['MediaUrl', 'b']]));
  });

  it('validates with or without the default port, and refuses anything else', () => {
    expect(urlPortVariants('https://x.test/a?b=1')).toEqual(['https://x.test/a?b=1', 'https://x.test:443/a?b=1']);
    expect(urlPortVariants('http://x.test:80/a')).toEqual(['http://x.test:80/a', 'http://x.test/a']);
    expect(urlPortVariants('http://x.test:3000/a')).toEqual(['http://x.test:3000/a']);
    expect(validateTwilioSignature(TOKEN, URL, PARAMS, 'kvajT1Ptam85bY51eRf/AJRuM3w=')).toBe(true);
    expect(validateTwilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
    expect(validateTwilioSignature(TOKEN, URL, { ...PARAMS, Digits: '9' }, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(validateTwilioSignature('other', URL, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(validateTwilioSignature(TOKEN, URL, PARAMS, undefined)).toBe(false);
  });
});
