import { describe, expect, it } from 'vitest';
import { smsLength } from '../../src/shared/sms';

describe('SMS segments', () => {
  it('GSM-7: 160 in one segment, then 153 per segment', () => {
    expect(smsLength('')).toMatchObject({ segments: 0, encoding: 'GSM-7' });
    expect(smsLength('a'.repeat(160))).toMatchObject({ segments: 1, units: 160, remaining: 0 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 306 - 161 });
    expect(smsLength('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts extension characters twice', () => {
    expect(smsLength('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('€'.repeat(81))).toMatchObject({ segments: 2 });
  });

  it('switches to UCS-2 for characters outside GSM-7: 70, then 67', () => {
    expect(smsLength('Thanks 😊')).toMatchObject({ encoding: 'UCS-2', units: 9, segments: 1, perSegment: 70 });
    expect(smsLength('ş'.repeat(70))).toMatchObject({ segments: 1 });
    expect(smsLength('ş'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsLength('😊'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(smsLength('😊'.repeat(36))).toMatchObject({ units: 72, segments: 2 });
  });
});
