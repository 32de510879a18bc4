/**
 * Snippets of a location: alphabetical list with search and folders, create, edit, delete. A
 * snippet may only use known merge fields (checked on save; values are filled in at send).
 * Shared snippets (owner_id NULL) are the location's: everyone reads them, admins change them.
 * Personal ones are their owner's alone: anyone else gets 404, as for another location's.
 */
import type { Snippet, SnippetCreate, SnippetFolder, SnippetListQuery, SnippetPatch } from '#shared/snippets';
import type { Queryable } from '../db/pool';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors';
import { encodeKeyset } from '../http/cursor';
import { assertKnownFields } from './merge-context';

const COLUMNS = 'id, kind, name, subject, body, folder, owner_id, created_by, created_at, updated_at';

/** Who asks: their personal snippets are theirs; admins change the shared ones. */
export interface SnippetActor {
  userId: string | null;
  admin: boolean;
}

/** The snippets a team member sees: the shared ones and their own ($2). */
const VISIBLE = '(owner_id IS NULL OR owner_id = $2)';

function toSnippet(r: any): Snippet {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    subject: r.subject,
    body: r.body,
    folder: r.folder,
    personal: r.owner_id !== null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The cursor is [lower(name), id] (names are unique per location, whatever the case). */
function decodeCursor(cursor: string | undefined): { k: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [k, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof k === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { k, id };
  } catch {
    /* fall through */
  }
  throw badRequest('invalid_cursor', 'cursor: not a cursor returned by this list', {
    fields: [{ field: 'querystring.cursor', message: 'is not a cursor returned by this list' }],
  });
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listSnippets(db: Queryable, locationId: string, actor: SnippetActor, q: SnippetListQuery) {
  const where = ['location_id = $1', VISIBLE];
  const values: unknown[] = [locationId, actor.userId];
  const add = (sql: (n: string) => string, v: unknown) => {
    values.push(v);
    where.push(sql(`$${values.length}`));
  };
  if (q.folder !== undefined) {
    if (q.folder === '') where.push('folder IS NULL');
    else add((n) => `lower(folder) = lower(${n})`, q.folder);
  }
  if (q.kind) add((n) => `kind = ${n}`, q.kind);
  for (const word of (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    add((n) => `(name || ' ' || coalesce(subject, '') || ' ' || body || ' ' || coalesce(folder, '')) ILIKE '%' || ${n} || '%'`, likeEscape(word));
  }
  const after = decodeCursor(q.cursor);
  if (after) {
    values.push(after.k, after.id);
    where.push(`(lower(name), id) > ($${values.length - 1}, $${values.length}::uuid)`);
  }
  const r = await db.query(
    `SELECT ${COLUMNS}, lower(name) AS _k FROM snippets WHERE ${where.join(' AND ')} ORDER BY lower(name), id LIMIT ${q.limit + 1}`,
    values,
  );
  const more = r.rows.length > q.limit;
  const rows = r.rows.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return { items: rows.map(toSnippet), nextCursor: more && last ? encodeKeyset(last._k, last.id) : null };
}

export async function listFolders(db: Queryable, locationId: string, actor: SnippetActor): Promise<SnippetFolder[]> {
  const r = await db.query(
    `SELECT min(folder) AS name, count(*)::int AS count FROM snippets
      WHERE location_id = $1 AND ${VISIBLE} AND folder IS NOT NULL GROUP BY lower(folder) ORDER BY lower(folder)`,
    [locationId, actor.userId],
  );
  return r.rows;
}

export async function getSnippet(db: Queryable, locationId: string, actor: SnippetActor, id: string): Promise<Snippet> {
  const r = await db.query(`SELECT ${COLUMNS} FROM snippets WHERE location_id = $1 AND ${VISIBLE} AND id = $3`, [locationId, actor.userId, id]);
  if (!r.rows[0]) throw notFound('Snippet');
  return toSnippet(r.rows[0]);
}

const sharedOnlyByAdmins = () => forbidden('Only admins change the snippets shared with the team; add your own as a personal snippet (personal: true).');

/** A snippet the actor may change: 404 when they cannot see it, 403 when it is shared and they are not an admin. */
async function changeable(db: Queryable, locationId: string, actor: SnippetActor, id: string): Promise<Snippet> {
  const s = await getSnippet(db, locationId, actor, id);
  if (!s.personal && !actor.admin) throw sharedOnlyByAdmins();
  return s;
}

function nameTaken(err: unknown, name: string): never {
  if ((err as { code?: string; constraint?: string }).code === '23505') {
    const personal = (err as { constraint?: string }).constraint === 'snippets_personal_name_key';
    throw conflict('snippet_name_taken', `${personal ? 'One of your snippets' : 'A snippet'} is already named “${name}”.`, {
      fields: [{ field: 'body.name', message: 'is already used by another snippet' }],
    });
  }
  throw err;
}

function checkEmailParts(kind: string, subject: string | null | undefined): void {
  if (kind === 'text' && subject) {
    throw new AppError(400, 'validation_failed', 'subject: only e-mail snippets have a subject.', { fields: [{ field: 'body.subject', message: 'is for e-mail snippets only' }] });
  }
}

export async function createSnippet(db: Queryable, locationId: string, actor: SnippetActor, input: SnippetCreate): Promise<Snippet> {
  if (input.personal && !actor.userId) throw forbidden('Personal snippets belong to a team member: an API key adds shared ones.');
  if (!input.personal && !actor.admin) throw sharedOnlyByAdmins();
  checkEmailParts(input.kind, input.subject);
  assertKnownFields(input.body, input.subject);
  try {
    const r = await db.query(
      `INSERT INTO snippets (location_id, kind, name, subject, body, folder, created_by, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [locationId, input.kind, input.name, input.subject || null, input.body, input.folder ?? null, actor.userId, input.personal ? actor.userId : null],
    );
    return toSnippet(r.rows[0]);
  } catch (err) {
    return nameTaken(err, input.name);
  }
}

export async function updateSnippet(db: Queryable, locationId: string, actor: SnippetActor, id: string, patch: SnippetPatch): Promise<Snippet> {
  const current = await changeable(db, locationId, actor, id);
  const kind = patch.kind ?? current.kind;
  // A snippet turned into a text snippet drops its subject.
  const subject = kind === 'text' ? (patch.subject ? patch.subject : null) : patch.subject !== undefined ? patch.subject || null : current.subject;
  checkEmailParts(kind, subject);
  assertKnownFields(patch.body, subject);
  const name = patch.name ?? current.name;
  try {
    const r = await db.query(
      `UPDATE snippets SET kind = $3, name = $4, subject = $5, body = $6, folder = $7, updated_at = now()
        WHERE location_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [locationId, id, kind, name, subject, patch.body ?? current.body, patch.folder !== undefined ? patch.folder : current.folder],
    );
    if (!r.rows[0]) throw notFound('Snippet');
    return toSnippet(r.rows[0]);
  } catch (err) {
    return nameTaken(err, name);
  }
}

export async function deleteSnippet(db: Queryable, locationId: string, actor: SnippetActor, id: string): Promise<void> {
  await changeable(db, locationId, actor, id);
  const r = await db.query('DELETE FROM snippets WHERE location_id = $1 AND id = $2', [locationId, id]);
  if (r.rowCount === 0) throw notFound('Snippet');
}
