/**
 * What a search query means, computed once: the words for full-text search (as word prefixes),
 * the pieces for partial matching (pg_trgm answers LIKE '%piece%' from its index when a piece
 * has three characters or more), and the digits of a phone number typed in any format.
 */

export interface SearchTerms {
  /** Lower-cased, whitespace collapsed: the phrase. */
  text: string;
  /** Whitespace-separated pieces, lower-cased ("jane@ex", "smi"): contacts' partial matching. */
  pieces: string[];
  /** Runs of letters and digits ("hydra", "facial"): full-text words and message partial matching. */
  words: string[];
  /** tsquery source, every word as a prefix: 'hydra':* & 'appoint':* — null when there is no word. */
  prefixQuery: string | null;
  /**
   * tsquery source for reading the message index: whole words and the last one (still being
   * typed) as a prefix: 'laser' & 'hair' & 'remov':*. Prefixes of frequent words are costly to
   * read from a GIN index; parts of the other words are found by trigrams.
   */
  typingQuery: string | null;
  /** Digit strings to find in phone numbers ("(917) 381" → 917381; "07700 900" → 07700900 and 7700900). */
  digits: string[];
}

/** At most this many words/pieces count: a pasted paragraph must not become a huge query. */
const MAX_WORDS = 8;
const PHONE_LIKE = /^[\d\s()+\-./]+$/;

export function parseTerms(q: string): SearchTerms {
  const text = q.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);
  const pieces = unique(text.split(' ').filter(Boolean)).slice(0, MAX_WORDS);
  const words = unique(text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  const prefixQuery = words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
  const typingQuery = words.length ? words.map((w, i) => (i === words.length - 1 ? `'${w}':*` : `'${w}'`)).join(' & ') : null;
  return { text, pieces, words, prefixQuery, typingQuery, digits: phoneDigits(text) };
}

/**
 * A query made only of digits and phone punctuation, with three digits or more, is (part of) a
 * phone number: stored numbers are E.164, so a national trunk prefix (the 0 of "07700 900123",
 * or "00" of an international call) is also tried without its leading zeros.
 */
function phoneDigits(text: string): string[] {
  if (!PHONE_LIKE.test(text)) return [];
  const digits = text.replace(/\D/g, '');
  if (digits.length < 3) return [];
  const trimmed = digits.replace(/^0+/, '');
  return trimmed !== digits && trimmed.length >= 3 ? [digits, trimmed] : [digits];
}

/** Escapes LIKE's wildcards (the default escape character is the backslash). */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');
export const contains = (s: string) => `%${likeEscape(s)}%`;

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
