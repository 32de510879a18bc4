/**
 * Message search: at most CANDIDATES candidates (candidates.ts), ranked; only the page that is
 * answered gets its snippet (ts_headline parses text: never per candidate).
 */
import type { MessageHit } from '#shared/search';
import type { Queryable } from '../db/pool';
import { displayName } from '../contacts/serialize';
import { excerptAround, fromHeadline, START, STOP, withEllipses } from './highlight';
import { messageCandidates } from './candidates';
import { params } from './match';
import type { SearchTerms } from './terms';

const CANDIDATES = 500;
/** Texts longer than this are cut before ranking and highlighting (a long e-mail costs the same as a page). */
const TEXT_CAP = 20_000;
const SHORT = 240;

export async function searchMessages(db: Queryable, locationId: string, t: SearchTerms, limit: number, restrictTo: string | null): Promise<MessageHit[]> {
  const ids = await messageCandidates(db, locationId, t, { select: 'id', cap: CANDIDATES, frequent: CANDIDATES / 5, restrictTo });
  if (ids.length === 0) return [];
  return rank(db, locationId, t, ids, limit);
}

async function rank(db: Queryable, locationId: string, t: SearchTerms, ids: string[], limit: number): Promise<MessageHit[]> {
  const { values, param } = params(locationId);
  const idList = param(ids);
  const text = param(t.text);
  const tsq = t.prefixQuery ? `to_tsquery('english', ${param(t.prefixQuery)})` : null;
  const phrase = t.words.length > 1 ? `phraseto_tsquery('english', ${text})` : null;
  // Exact phrase first (as typed, or the same words in a row after stemming), then whole words
  // close together (cover density), then how much of the query a part of the text resembles.
  const score = [
    `CASE WHEN strpos(regexp_replace(lower(left(m.body, ${TEXT_CAP})), '\\s+', ' ', 'g'), ${text}) > 0 THEN 1 ELSE 0 END`,
    phrase ? `CASE WHEN m.search_tsv @@ ${phrase} THEN 0.5 ELSE 0 END` : null,
    tsq ? `ts_rank_cd(m.search_tsv, ${tsq}, 32)` : null,
    // Whole words beat parts of words; among the latter, the closer to the query the better.
    tsq
      ? `CASE WHEN m.search_tsv @@ ${tsq} THEN 0.5 ELSE 0.5 * word_similarity(${text}, left(m.body, 500)) END`
      : `0.5 * word_similarity(${text}, left(m.body, 500))`,
  ].filter(Boolean);
  const allOpts = param(`HighlightAll=true, StartSel="${START}", StopSel="${STOP}"`);
  const fragOpts = param(`MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … ", StartSel="${START}", StopSel="${STOP}"`);
  const body = `translate(left(r.body, ${TEXT_CAP}), E'\\x02\\x03', '')`;
  const r = await db.query(
    `WITH ranked AS (
       SELECT m.id, m.conversation_id, m.contact_id, m.message_type, m.direction, m.created_at, m.body, m.search_tsv,
              (${score.join(' + ')})::float8 AS rank
         FROM messages m
        WHERE m.location_id = $1 AND m.id = ANY(${idList}::uuid[])
        ORDER BY rank DESC, m.created_at DESC, m.id DESC
        LIMIT ${Number(limit)}
     )
     SELECT r.id, r.conversation_id, r.contact_id, r.message_type, r.direction, r.created_at, r.rank,
            left(r.body, ${TEXT_CAP}) AS body,
            ${tsq ? `CASE WHEN r.search_tsv @@ ${tsq} THEN ts_headline('english', ${body}, ${tsq}, CASE WHEN length(r.body) <= ${SHORT} THEN ${allOpts} ELSE ${fragOpts} END) END` : 'NULL'} AS headline,
            ct.first_name, ct.last_name, ct.phone, ct.email
       FROM ranked r
       JOIN contacts ct ON ct.location_id = $1 AND ct.id = r.contact_id
      ORDER BY r.rank DESC, r.created_at DESC, r.id DESC`,
    values,
  );
  return r.rows.map((row) => ({
    message: {
      id: row.id,
      conversationId: row.conversation_id,
      contactId: row.contact_id,
      messageType: row.message_type,
      direction: row.direction,
      createdAt: row.created_at.toISOString(),
    },
    contact: { id: row.contact_id, name: displayName(row) },
    snippet: snippet(row.body ?? '', row.headline, t),
    rank: Math.round(row.rank * 10_000) / 10_000,
  }));
}

function snippet(body: string, headline: string | null, t: SearchTerms) {
  const words = t.words.filter((w) => w.length >= 3);
  if (headline !== null) return withEllipses(fromHeadline(headline, words), body);
  return excerptAround(body, words.length ? words : t.words);
}
