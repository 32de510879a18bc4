/** Send later's proposed time: an hour ahead on a quarter hour, kept within the clinic's business hours. */
import { describe, expect, it } from 'vitest';
import { defaultWhen, describe as describeWhen } from '../../src/web/inbox/composer/send-later-time';

describe('send later default', () => {
  it('is the next quarter hour an hour away, within business hours of the clinic’s zone', () => {
    const ny = 'America/New_York';
    expect(defaultWhen(ny, Date.parse('2026-03-10T14:07:00Z'))).toEqual({ date: '2026-03-10', time: '11:15' }); // 10:07 EDT
    expect(defaultWhen(ny, Date.parse('2026-03-10T10:30:00Z'))).toEqual({ date: '2026-03-10', time: '09:00' }); // 06:30: not before 8
    expect(defaultWhen(ny, Date.parse('2026-03-10T23:30:00Z'))).toEqual({ date: '2026-03-11', time: '09:00' }); // 19:30 → 20:30: tomorrow 9
    expect(defaultWhen(ny, Date.parse('2026-03-11T03:00:00Z'))).toEqual({ date: '2026-03-11', time: '09:00' }); // 23:00: tomorrow 9
    expect(describeWhen('2026-03-11', '09:00')).toBe('Wed, Mar 11, 9:00 AM');
  });
});
