/**
 * GET /conversations?q=: the conversations whose contact (name, e-mail, phone in any format) or
 * any message text matches, with the same matching as GET /search. The matching conversation ids
 * are found first from the search indexes (bounded), then the list's own query filters, sorts and
 * paginates them as usual.
 */
import type { Queryable } from '../db/pool';
import { messageCandidates, RECENT_WINDOW } from './candidates';
import { contactMatch, params, type Param } from './match';
import { parseTerms, type SearchTerms } from './terms';

const CONTACT_CAP = 2_000;
/**
 * Conversations found by message text, at most (candidates.ts): a term frequent among the
 * location's newest messages lists the conversations of those matches.
 */
const MESSAGE_CAP = 5_000;

/**
 * The list's condition (alias `c`) for a search query. `assignee`: the list is of one team
 * member's conversations (assignedTo, or an "only assigned" member's own), so the bounded reads
 * look among those only.
 */
export async function conversationSearchCondition(db: Queryable, locationId: string, q: string, param: Param, assignee: string | null = null): Promise<string> {
  const ids = await matchingConversationIds(db, locationId, parseTerms(q), assignee);
  return `c.id = ANY(${param(ids)}::uuid[])`;
}

export async function matchingConversationIds(db: Queryable, locationId: string, t: SearchTerms, assignee: string | null = null): Promise<string[]> {
  const [byContact, byMessage] = await Promise.all([contactConversations(db, locationId, t, assignee), messageConversations(db, locationId, t, assignee)]);
  return [...new Set([...byContact, ...byMessage])];
}

async function contactConversations(db: Queryable, locationId: string, t: SearchTerms, assignee: string | null): Promise<string[]> {
  const { values, param } = params(locationId);
  const match = contactMatch(t, param);
  if (!match) return [];
  const mine = assignee ? ` AND c.assigned_to = ${param(assignee)}` : '';
  const r = await db.query<{ id: string }>(
    `WITH hits AS MATERIALIZED (
       SELECT c.id FROM contacts ct JOIN conversations c ON c.location_id = ct.location_id AND c.contact_id = ct.id
        WHERE ct.location_id = $1 AND ${match}${mine}
     )
     SELECT id FROM hits LIMIT ${CONTACT_CAP}`,
    values,
  );
  return r.rows.map((row) => row.id);
}

function messageConversations(db: Queryable, locationId: string, t: SearchTerms, assignee: string | null): Promise<string[]> {
  return messageCandidates(db, locationId, t, { select: 'conversation_id', cap: MESSAGE_CAP, frequent: RECENT_WINDOW / 10, restrictTo: assignee });
}
