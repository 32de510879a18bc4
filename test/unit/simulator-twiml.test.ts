import { describe, expect, it } from 'vitest';
import { elements, parseTwiml, resolveUrl, textOf, TwimlParseError } from '../../src/simulator/twiml';
import { segmentCount, geoFields } from '../../src/simulator/phone-numbers';
import { parseAccounts } from '../../src/simulator/config';
import { rfc2822, newSid } from '../../src/simulator/ids';
import { toneWav } from '../../src/simulator/audio';

describe('TwiML reader', () => {
  it('reads verbs, nouns, attributes and text', () => {
    const doc = parseTwiml(`<?xml version="1.0" encoding="UTF-8"?>
      <!-- forwarding -->
      <Response>
        <Say voice="alice">Hello &amp; welcome</Say>
        <Dial callerId="+15551230000" record='record-from-answer-dual' recordingStatusCallback="/rec?a=1&amp;b=2">
          <Number statusCallback="https://app.test/s">+15551239999</Number>
        </Dial>
        <Record maxLength="120"/>
        <Say><![CDATA[<fine> & dandy]]></Say>
      </Response>`);
    const verbs = elements(doc);
    expect(verbs.map((v) => v.name)).toEqual(['Say', 'Dial', 'Record', 'Say']);
    expect(textOf(verbs[0])).toBe('Hello & welcome');
    expect(verbs[1].attrs).toEqual({
      callerId: '+15551230000',
      record: 'record-from-answer-dual',
      recordingStatusCallback: '/rec?a=1&b=2',
    });
    const [number] = elements(verbs[1]);
    expect(number.name).toBe('Number');
    expect(number.attrs.statusCallback).toBe('https://app.test/s');
    expect(textOf(number)).toBe('+15551239999');
    expect(verbs[2].attrs.maxLength).toBe('120');
    expect(elements(verbs[2])).toEqual([]);
    expect(textOf(verbs[3])).toBe('<fine> & dandy');
  });

  it('reads a bare number in <Dial>, numeric entities and an empty response', () => {
    expect(textOf(elements(parseTwiml('<Response><Dial timeout="20"> +15551230001 </Dial></Response>'))[0])).toBe('+15551230001');
    expect(textOf(elements(parseTwiml('<Response><Say>caf&#233; &#x263A;</Say></Response>'))[0])).toBe('café ☺');
    expect(elements(parseTwiml('<Response/>'))).toEqual([]);
  });

  it('refuses what Twilio would refuse', () => {
    expect(() => parseTwiml('<Reply><Say>x</Say></Reply>')).toThrow(TwimlParseError);
    expect(() => parseTwiml('<Response><Say>x</Dial></Response>')).toThrow(TwimlParseError);
    expect(() => parseTwiml('<Response><Say>x</Say>')).toThrow(TwimlParseError);
    expect(() => parseTwiml('not xml')).toThrow(TwimlParseError);
    expect(() => parseTwiml('<Response><Say>&nbsp;</Say></Response>')).toThrow(TwimlParseError);
    expect(() => parseTwiml('<Response/><Response/>')).toThrow(TwimlParseError);
  });

  it('resolves action URLs against the document URL and keeps absolute ones as written', () => {
    expect(resolveUrl('/webhooks/twilio/dial?x=1', 'https://app.test/webhooks/twilio/voice')).toBe('https://app.test/webhooks/twilio/dial?x=1');
    expect(resolveUrl('next', 'https://app.test/a/voice')).toBe('https://app.test/a/next');
    expect(resolveUrl('https://other.test:443/x', 'https://app.test/')).toBe('https://other.test:443/x');
    expect(resolveUrl('/x', null)).toBeNull();
  });
});

describe('simulator helpers', () => {
  it('counts SMS segments as carriers do', () => {
    expect(segmentCount('hello')).toBe(1);
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('{'.repeat(80))).toBe(1);
    expect(segmentCount('é'.repeat(10))).toBe(1);
    expect(segmentCount('😀'.repeat(35))).toBe(1);
    expect(segmentCount('😀'.repeat(36))).toBe(2);
  });

  it('writes Twilio-shaped sids, dates and geo fields', () => {
    expect(newSid('SM')).toMatch(/^SM[0-9a-f]{32}$/);
    expect(rfc2822(new Date('2023-08-04T05:01:45Z'))).toBe('Fri, 04 Aug 2023 05:01:45 +0000');
    expect(geoFields('From', '+14155550142')).toEqual({ FromCity: 'SAN FRANCISCO', FromState: 'CA', FromZip: '94105', FromCountry: 'US' });
    expect(geoFields('To', '+447700900123')).toEqual({ ToCity: '', ToState: '', ToZip: '', ToCountry: 'GB' });
  });

  it('reads SIM_ACCOUNTS', () => {
    expect(parseAccounts('ACaaa:tok:+15551230000,+15551230001; ACbbb:t2:+15551230002')).toEqual([
      { sid: 'ACaaa', token: 'tok', numbers: ['+15551230000', '+15551230001'] },
      { sid: 'ACbbb', token: 't2', numbers: ['+15551230002'] },
    ]);
    expect(() => parseAccounts('XX1:tok:+15551230000')).toThrow(/account sid/);
    expect(() => parseAccounts('AC1::+15551230000')).toThrow(/token/);
    expect(() => parseAccounts('AC1:tok:5551230000')).toThrow(/E\.164/);
  });

  it('makes a valid WAV of the requested length', () => {
    const wav = toneWav(2, 2);
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(40)).toBe(2 * 8000 * 2 * 2);
    expect(wav.length).toBe(44 + 2 * 8000 * 2 * 2);
  });
});
