import type { Segment } from '#shared/search';

/** Search highlights: the text as text (never HTML), the matched parts in <mark>. */
export function Highlight({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/**
 * The marks of an E.164 number carried over to its display form ((917) 381-2456): digit for digit,
 * aligned at the end (the display form may leave out the country code). A separator between two
 * marked digits is marked too, so "381-24" reads as one match.
 */
export function formatSegments(segments: Segment[], formatted: string): Segment[] {
  const marks: boolean[] = [];
  for (const s of segments) for (const ch of s.text) if (/\d/.test(ch)) marks.push(s.match);
  let d = marks.length - formatted.replace(/\D/g, '').length;
  const out: Segment[] = [];
  let prev = false;
  for (const ch of formatted) {
    const digit = /\d/.test(ch);
    const match: boolean = digit ? (marks[d++] ?? false) : prev && (marks[d] ?? false);
    if (digit) prev = match;
    const last = out.at(-1);
    if (last && last.match === match) last.text += ch;
    else out.push({ text: ch, match });
  }
  return out;
}
