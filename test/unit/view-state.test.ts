/** The Message Panel's saved view: only valid filters come back, relative ranges counted from today. */
import { describe, expect, it } from 'vitest';
import { cleanFilters, rangeDays } from '../../src/web/lib/view-state';

const NOW = Date.parse('2026-03-10T03:00:00Z'); // still March 9 in New York

describe('saved view', () => {
  it('works out a relative range again in the location’s time zone', () => {
    expect(rangeDays('today', 'America/New_York', NOW)).toEqual({ from: '2026-03-09', to: '2026-03-09' });
    expect(rangeDays('7d', 'America/New_York', NOW)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(rangeDays('7d', 'Europe/London', NOW)).toEqual({ from: '2026-03-04', to: '2026-03-10' });
  });

  it('keeps what the filter bar can set and drops anything else', () => {
    const tz = 'America/New_York';
    const saved = cleanFilters({ assignedTo: 'me', channel: 'TYPE_SMS', direction: 'inbound', state: 'closed', mentions: true, sort: 'asc', range: 'custom', from: '2026-01-01', to: '2026-01-31' }, tz);
    expect(saved).toEqual({ assignedTo: 'me', channel: 'TYPE_SMS', direction: 'inbound', state: 'closed', mentions: true, sort: 'asc', range: 'custom', from: '2026-01-01', to: '2026-01-31' });
    expect(cleanFilters({ assignedTo: 'drop table', channel: 'TYPE_FAX', direction: 'sideways', state: 1, mentions: 'yes', sort: 'up', from: 'yesterday', extra: 1 }, tz)).toEqual({ sort: 'desc' });
    expect(cleanFilters(null, tz)).toEqual({ sort: 'desc' });
    // A relative range is stored by name: its days are today's.
    const r = cleanFilters({ range: '30d', from: '2001-01-01', to: '2001-01-30' }, tz);
    expect(r.range).toBe('30d');
    expect(r.from).not.toBe('2001-01-01');
    expect(r).toMatchObject(rangeDays('30d', tz));
  });
});
