/**
 * Contact search: by name, e-mail and phone in any format, best match first (the exact name, then
 * names starting with the query, whole-word prefixes, phone digits, then trigram similarity;
 * the most recently active conversation breaks ties).
 */
import type { ContactHit } from '#shared/search';
import type { Queryable } from '../db/pool';
import { CONTACT_COLUMNS, toContact } from '../contacts/serialize';
import { likeEscape, type SearchTerms } from './terms';
import { highlightPhone, highlightText } from './highlight';
import { contactMatch, params } from './match';

const CANDIDATES = 300;

export async function searchContacts(db: Queryable, locationId: string, t: SearchTerms, limit: number, restrictTo: string | null): Promise<ContactHit[]> {
  const { values, param } = params(locationId);
  const match = contactMatch(t, param);
  if (!match) return [];
  const text = param(t.text);
  const onlyAssigned = restrictTo
    ? ` AND EXISTS (SELECT 1 FROM conversations c WHERE c.location_id = $1 AND c.contact_id = ct.id AND c.assigned_to = ${param(restrictTo)})`
    : '';
  const name = `lower(trim(coalesce(h.first_name, '') || ' ' || coalesce(h.last_name, '')))`;
  const score = [
    `CASE WHEN ${name} = ${text} OR lower(h.email) = ${text} THEN 3 WHEN ${name} LIKE ${param(`${likeEscape(t.text)}%`)} THEN 2 ELSE 0 END`,
    t.prefixQuery ? `CASE WHEN to_tsvector('simple', h.search_text) @@ to_tsquery('simple', ${param(t.prefixQuery)}) THEN 1 ELSE 0 END` : null,
    ...t.digits.slice(0, 1).map((d) => `CASE WHEN strpos(h.search_text, ${param(d)}) > 0 THEN 1.5 ELSE 0 END`),
    `similarity(h.search_text, ${text})`,
  ].filter(Boolean);
  const r = await db.query(
    `WITH hits AS MATERIALIZED (
       SELECT ${CONTACT_COLUMNS}, search_text FROM contacts ct
        WHERE ct.location_id = $1 AND ${match}${onlyAssigned}
     ), candidates AS (SELECT * FROM hits LIMIT ${CANDIDATES})
     SELECT h.*, c.id AS conversation_id, (${score.join(' + ')})::float8 AS score
       FROM candidates h
       LEFT JOIN conversations c ON c.location_id = $1 AND c.contact_id = h.id
      ORDER BY score DESC, c.last_message_at DESC NULLS LAST, h.id
      LIMIT ${Number(limit)}`,
    values,
  );
  return r.rows.map((row) => {
    const contact = toContact(row);
    return {
      contact,
      conversationId: row.conversation_id,
      highlight: {
        name: highlightText(contact.name, t.pieces),
        email: contact.email ? highlightText(contact.email, t.pieces) : null,
        phone: contact.phone ? highlightPhone(contact.phone, t.digits.length ? t.digits : t.pieces.filter((p) => /^\d{3,}$/.test(p))) : null,
      },
    };
  });
}
