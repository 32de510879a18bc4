/** Search query parsing and plain-text highlighting (no database). */
import { describe, expect, it } from 'vitest';
import { excerptAround, fromHeadline, highlightPhone, highlightText, START, STOP, withEllipses } from '../../src/server/search/highlight';
import { parseTerms } from '../../src/server/search/terms';

describe('parseTerms', () => {
  it('reads words, pieces and phone digits in any format', () => {
    expect(parseTerms('  Laser   HAIR removal ')).toMatchObject({
      text: 'laser hair removal',
      words: ['laser', 'hair', 'removal'],
      prefixQuery: "'laser':* & 'hair':* & 'removal':*",
      typingQuery: "'laser' & 'hair' & 'removal':*",
      digits: [],
    });
    expect(parseTerms('(917) 381').digits).toEqual(['917381']);
    expect(parseTerms('+1 917-381').digits).toEqual(['1917381']);
    expect(parseTerms('555-01').digits).toEqual(['55501']);
    expect(parseTerms('07700 900123').digits).toEqual(['07700900123', '7700900123']);
    expect(parseTerms('12').digits).toEqual([]);
    expect(parseTerms('jane 917').digits).toEqual([]);
    expect(parseTerms('jane@ex.com').pieces).toEqual(['jane@ex.com']);
  });

  it('never lets quotes or operators into a tsquery', () => {
    const t = parseTerms(`o'neil & (botox | !filler) <-> :*`);
    expect(t.words).toEqual(['o', 'neil', 'botox', 'filler']);
    expect(t.prefixQuery).toBe("'o':* & 'neil':* & 'botox':* & 'filler':*");
    expect(parseTerms('!!! ---').prefixQuery).toBeNull();
  });
});

describe('highlights', () => {
  const marked = (s: { text: string; match: boolean }[]) => s.filter((x) => x.match).map((x) => x.text);

  it('marks every occurrence, case-insensitively, merging overlaps', () => {
    const s = highlightText('HydraFacial or hydrafacial?', ['hydra', 'drafa']);
    expect(marked(s)).toEqual(['HydraFa', 'hydrafa']);
    expect(s.map((x) => x.text).join('')).toBe('HydraFacial or hydrafacial?');
  });

  it('marks phone digits through any punctuation', () => {
    expect(highlightPhone('+19173812456', ['917381'])).toEqual([
      { text: '+1', match: false },
      { text: '917381', match: true },
      { text: '2456', match: false },
    ]);
  });

  it('turns ts_headline marks into segments and adds ellipses where text was left out', () => {
    const body = 'Hello there. I booked a HydraFacial for Friday and would like to move it.';
    const h = `I ${START}booked${STOP} a ${START}HydraFacial${STOP} for Friday`;
    const s = withEllipses(fromHeadline(h, ['book']), body);
    expect(s.map((x) => x.text).join('')).toBe('…I booked a HydraFacial for Friday…');
    expect(marked(s)).toEqual(['booked', 'HydraFacial']);
  });

  it('cuts an excerpt around a part of a word', () => {
    const body = `${'lorem ipsum '.repeat(40)}the microdermabrasion was great ${'dolor sit '.repeat(40)}`;
    const s = excerptAround(body, ['derma']);
    const text = s.map((x) => x.text).join('');
    expect(text.startsWith('…') && text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan(170);
    expect(marked(s)).toEqual(['derma']);
  });
});
