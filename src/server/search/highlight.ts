/**
 * Highlights as plain-text segments ({text, match}), never HTML: the client renders the text as
 * text and marks the matches, so nothing a contact wrote can become markup.
 */
import type { Segment } from '#shared/search';

type Range = [start: number, end: number];

/** Splits text into segments, the given ranges (any order, may overlap) marked. */
export function segments(text: string, ranges: Range[]): Segment[] {
  const merged = mergeRanges(ranges.filter(([s, e]) => e > s));
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), match: false });
    out.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}

/** Every case-insensitive occurrence of each needle. */
export function findRanges(text: string, needles: string[]): Range[] {
  const hay = text.toLowerCase();
  const ranges: Range[] = [];
  for (const n of needles) {
    if (!n) continue;
    for (let i = hay.indexOf(n); i >= 0; i = hay.indexOf(n, i + n.length)) ranges.push([i, i + n.length]);
  }
  return ranges;
}

export const highlightText = (text: string, needles: string[]) => segments(text, findRanges(text, needles));

/** A phone number with the digits of the query marked, whatever punctuation either has. */
export function highlightPhone(phone: string, digitRuns: string[]): Segment[] {
  const positions: number[] = [];
  let digits = '';
  for (let i = 0; i < phone.length; i++) {
    if (/\d/.test(phone[i])) {
      positions.push(i);
      digits += phone[i];
    }
  }
  const ranges: Range[] = [];
  for (const run of digitRuns) {
    const at = digits.indexOf(run);
    if (at >= 0) ranges.push([positions[at], positions[at + run.length - 1] + 1]);
  }
  return segments(phone, ranges);
}

/** Marks sent by ts_headline around the words it matched (control characters, stripped from the text first). */
export const START = '\u0002';
export const STOP = '\u0003';

/** ts_headline output with START/STOP marks → segments; the words also marked where they occur inside other words. */
export function fromHeadline(headline: string, words: string[]): Segment[] {
  const out: Segment[] = [];
  const parts = headline.split(START);
  parts.forEach((part, i) => {
    const [inside, after] = i === 0 ? [null, part] : splitOnce(part, STOP);
    if (inside) out.push({ text: collapse(inside), match: true });
    if (after) out.push(...highlightText(collapse(after), words));
  });
  return join(out);
}

/**
 * A snippet cut around the first occurrence of a word when full-text search did not match the text
 * (a part of a word matched): about `width` characters, cut at spaces, "…" where text was left out.
 */
export function excerptAround(body: string, words: string[], width = 160): Segment[] {
  const text = body.replace(/\s+/g, ' ').trim();
  const first = findRanges(text, words).sort((a, b) => a[0] - b[0])[0];
  let start = first ? Math.max(0, first[0] - Math.floor(width / 3)) : 0;
  let end = Math.min(text.length, start + width);
  if (start > 0) start = nextSpace(text, start);
  if (end < text.length) end = prevSpace(text, end, start);
  const excerpt = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  return highlightText(excerpt, words);
}

/** "…" before or after a ts_headline excerpt that does not reach the start or the end of the text. */
export function withEllipses(segs: Segment[], body: string): Segment[] {
  const plain = segs.map((s) => s.text).join('');
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const whole = norm(body);
  const head = norm(plain).slice(0, 24);
  const tail = norm(plain).slice(-24);
  const out = [...segs];
  if (head && !whole.startsWith(head)) out.unshift({ text: '…', match: false });
  if (tail && !whole.endsWith(tail)) out.push({ text: '…', match: false });
  return join(out);
}

const collapse = (s: string) => s.replace(/\s+/g, ' ');

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

function nextSpace(text: string, from: number): number {
  const i = text.indexOf(' ', from);
  return i < 0 || i - from > 20 ? from : i + 1;
}

function prevSpace(text: string, from: number, min: number): number {
  const i = text.lastIndexOf(' ', from);
  return i <= min || from - i > 20 ? from : i;
}

/** Adjacent segments of the same kind become one. */
function join(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.match === s.match) last.text += s.text;
    else out.push({ ...s });
  }
  return out.length ? out : [{ text: '', match: false }];
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
