/**
 * Demo data for the zero-setup start: two clinics, their team, sixty contacts each and fifty
 * conversations that use every timeline item type. Deterministic (seeded PRNG) apart from
 * timestamps, which are laid out over the last 30 days. Runs once: all of it in one transaction,
 * under an advisory lock, and only when the first demo location does not exist yet.
 */
import type { Pool } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { hashPassword } from '../auth/password';
import { CLINICS, TEAM, type Clinic } from './corpus';
import { DND_FIELDS, planContacts, type ContactPlan } from './contacts';
import { Rng } from './random';
import type { Person } from './steps';
import { seedSnippets } from './snippets';
import { trailingInbound, writeThread } from './timeline';

/** pg_advisory_xact_lock key: "seed" in hex-speak, any constant will do. */
const SEED_LOCK = 0x5eed_de30;
const STARRED = 8;
const ASSIGNED = 15;
const CLOSED = 5;

interface Logger {
  info(msg: string): void;
}

async function demoExists(db: Pick<Tx, 'query'>): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM locations WHERE name = $1 LIMIT 1', [CLINICS[0].name]);
  return (r.rowCount ?? 0) > 0;
}

export async function seedDemo(pool: Pool, log: Logger): Promise<void> {
  // Cheap check first, so a normal restart does not spend time hashing passwords.
  if (await demoExists(pool)) {
    log.info('demo data already present; not seeding');
    return;
  }
  const started = Date.now();
  // Hashing is slow: do it before the transaction (and its lock) opens.
  const hashes = await Promise.all(TEAM.map((m) => hashPassword(m.password)));
  const result = await withTx(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    // Another process may have seeded while this one was hashing.
    if (await demoExists(tx)) return null;
    const now = new Date();
    const userIds = new Map<string, string>();
    for (const [i, m] of TEAM.entries()) {
      // An existing account (same e-mail) is reused as it is: its password is not changed.
      await tx.query(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT ((lower(email))) DO NOTHING`,
        [m.email, m.name, hashes[i]],
      );
      const r = await tx.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [m.email]);
      userIds.set(m.email, r.rows[0].id);
    }
    const counts: string[] = [];
    for (const clinic of CLINICS) counts.push(await seedLocation(tx, clinic, userIds, now));
    return counts;
  });
  if (!result) {
    log.info('demo data already seeded by another process');
    return;
  }
  log.info(`demo data seeded in ${Date.now() - started} ms: ${result.join('; ')}`);
  log.info(`demo logins: ${TEAM.map((m) => `${m.email} / ${m.password}`).join(', ')}`);
}

async function seedLocation(tx: Tx, clinic: Clinic, userIds: Map<string, string>, now: Date): Promise<string> {
  const rng = new Rng(clinic.seed);
  const loc = await tx.query<{ id: string }>(
    'INSERT INTO locations (name, timezone, country) VALUES ($1, $2, $3) RETURNING id',
    [clinic.name, clinic.timezone, clinic.country],
  );
  const locationId = loc.rows[0].id;

  const people: Person[] = [];
  for (const m of TEAM) {
    const role = m.roles[clinic.key];
    if (!role) continue;
    const id = userIds.get(m.email)!;
    await tx.query('INSERT INTO memberships (location_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      locationId,
      id,
      role,
    ]);
    people.push({ id, name: m.name, first: m.name.split(' ')[0] });
  }

  const contacts = planContacts(clinic, people, rng, now);
  for (const c of contacts) await insertContact(tx, locationId, c);

  let messages = 0;
  const conversations: { id: string; contact: ContactPlan; unread: number }[] = [];
  for (const c of contacts) {
    if (!c.thread) continue;
    const { plan, items } = c.thread;
    const id = await writeThread(tx, locationId, clinic, c, plan, items);
    messages += items.length;
    // Unread: what arrived since the team's last reply, for the threads awaiting one (some others too).
    const trailing = trailingInbound(items);
    const unread = plan.awaitingReply || rng.chance(0.3) ? trailing : 0;
    conversations.push({ id, contact: c, unread });
  }

  const starred = new Set(rng.shuffle(conversations).slice(0, STARRED));
  const assigned = new Set(rng.shuffle(conversations).slice(0, ASSIGNED));
  const closed = new Set(
    rng
      .shuffle(conversations.filter((v) => v.unread === 0 && !v.contact.recent))
      .slice(0, CLOSED),
  );
  for (const v of conversations) {
    const { plan, items } = v.contact.thread!;
    await tx.query(
      `UPDATE conversations SET unread_count = $3, starred = $4, assigned_to = $5, state = $6, created_at = $7, updated_at = $8
        WHERE location_id = $1 AND id = $2`,
      [
        locationId,
        v.id,
        v.unread,
        starred.has(v),
        assigned.has(v) ? plan.staff.id : null,
        closed.has(v) ? 'closed' : 'open',
        items[0].at,
        items[items.length - 1].at,
      ],
    );
  }
  const snippets = await seedSnippets(tx, locationId, people[0]?.id ?? null);
  const unread = conversations.filter((v) => v.unread > 0).length;
  return (
    `${clinic.name}: ${people.length} team members, ${contacts.length} contacts, ${conversations.length} conversations ` +
    `(${unread} unread, ${starred.size} starred, ${assigned.size} assigned, ${closed.size} closed), ${messages} timeline items, ${snippets} snippets`
  );
}

async function insertContact(tx: Tx, locationId: string, c: ContactPlan): Promise<void> {
  const dnd = c.dnd ? DND_FIELDS[c.dnd] : { dnd: false, settings: {} };
  // A DND story ends with the change: the contact was last updated then.
  const items = c.thread?.items;
  const updatedAt = c.dnd && items ? items[items.length - 1].at : c.createdAt;
  const r = await tx.query<{ id: string }>(
    `INSERT INTO contacts (location_id, first_name, last_name, phone, email, tags, dnd, dnd_settings, source, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [locationId, c.first, c.last, c.phone, c.email, c.tags, dnd.dnd, JSON.stringify(dnd.settings), c.source, c.createdAt, updatedAt],
  );
  c.id = r.rows[0].id;
}
