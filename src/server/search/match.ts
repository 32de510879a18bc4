/**
 * The SQL conditions of a search, shared by GET /search and GET /conversations?q=. Each arm is
 * answered by an index that starts with location_id (migrations/0013_search.sql):
 *  - contacts: word prefixes (tsvector 'simple'), pieces anywhere (trigram), phone digits (trigram);
 *  - messages: word prefixes with stemming (tsvector 'english'), words inside words (trigram).
 *
 * Candidates are read through a MATERIALIZED CTE under a LIMIT (candidates.ts, contacts.ts). The
 * planner plans the CTE for all its rows, so a rare term is read from the GIN indexes (bitmap) and
 * a very common one by a scan that stops as soon as the LIMIT is reached.
 */
import { contains, type SearchTerms } from './terms';

export type Param = (v: unknown) => string;

/** Contacts (alias `ct`) matching the terms; null when the query has nothing to match on. */
export function contactMatch(t: SearchTerms, param: Param, ct = 'ct'): string | null {
  const arms: string[] = [];
  if (t.prefixQuery) arms.push(`to_tsvector('simple', ${ct}.search_text) @@ to_tsquery('simple', ${param(t.prefixQuery)})`);
  if (t.pieces.some((p) => p.length >= 3)) {
    // Every piece must occur; those of one or two characters are checked on the row, not in the index.
    const all = t.pieces.map((p) => (p.length >= 3 ? `${ct}.search_text LIKE ${param(contains(p))}` : `strpos(${ct}.search_text, ${param(p)}) > 0`));
    arms.push(`(${all.join(' AND ')})`);
  }
  for (const d of t.digits) arms.push(`${ct}.search_text LIKE ${param(contains(d))}`);
  return arms.length ? `(${arms.join(' OR ')})` : null;
}

export type MessageArm = 'words' | 'parts';

/**
 * Messages (alias `m`) matching the terms; null when the query has no word. Two arms: whole words
 * (full-text, the last word as a prefix) and parts of words (trigrams, every word of three
 * characters or more); `arms` picks one of them or both (OR).
 */
export function messageMatch(t: SearchTerms, param: Param, arms: MessageArm[] = ['words', 'parts'], m = 'm'): string | null {
  const out: string[] = [];
  if (arms.includes('words') && t.typingQuery) out.push(`${m}.search_tsv @@ to_tsquery('english', ${param(t.typingQuery)})`);
  const long = t.words.filter((w) => w.length >= 3);
  if (arms.includes('parts') && long.length) out.push(`(${long.map((w) => `${m}.body ILIKE ${param(contains(w))}`).join(' AND ')})`);
  return out.length ? `(${out.join(' OR ')})` : null;
}

/** Only-assigned members: conversations (alias `c`) assigned to them; nothing when no restriction. */
export function assignedOnly(restrictTo: string | null, param: Param, conversationIdExpr: string): string {
  if (!restrictTo) return '';
  return ` AND ${conversationIdExpr} IN (SELECT id FROM conversations WHERE location_id = $1 AND assigned_to = ${param(restrictTo)})`;
}

/** A parameter list starting with the location id ($1). */
export function params(locationId: string): { values: unknown[]; param: Param } {
  const values: unknown[] = [locationId];
  return {
    values,
    param: (v) => {
      values.push(v);
      return `$${values.length}`;
    },
  };
}

