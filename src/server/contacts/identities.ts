/**
 * Contact identities: (location, kind, value) → contact, one row each in contact_identities
 * (migration 0024). Phones and e-mail addresses follow the contact's own columns (a trigger keeps
 * them in step); Messenger, Instagram, Google reviewer and web chat visitor ids are written here by
 * their channels. Every channel finds or creates the contact of an inbound message through
 * `findOrCreateContacts` — set-based for a group-committed batch, the same statement for one.
 *
 * Race-safe without locks: a new contact's identity is claimed first (INSERT … ON CONFLICT DO
 * NOTHING, the contact row created in the same statement with the claimed id; the foreign key is
 * deferred to commit), so two deliveries racing for one unknown sender create one contact — the
 * loser finds the winner's contact once that commits.
 */
import type { Contact } from '#shared/contacts';
import type { IdentityKind } from '#shared/channel-catalog';
import { prepared, type Queryable } from '../db/pool';
import type { Tx } from '../db/tx';
import { CONTACT_COLUMNS, toContact } from './serialize';

export interface Identity {
  kind: IdentityKind;
  value: string;
}

export interface NewContactProfile {
  firstName?: string | null;
  lastName?: string | null;
  /** contacts.source of a contact created for this identity ('sms', 'whatsapp', 'web chat'…). */
  source: string;
}

/** The stored form of a value: e-mail addresses in lower case, everything else as given. */
export const identityValue = (i: Identity) => (i.kind === 'email' ? i.value.trim().toLowerCase() : i.value);

const key = (locationId: string, i: Identity) => `${locationId}|${i.kind}|${identityValue(i)}`;

const COLS = CONTACT_COLUMNS.split(',').map((c) => `ct.${c.trim()}`).join(', ');

/** $1 locations, $2 kinds, $3 values: the contacts that have them. */
const FIND = prepared(
  'identities_find',
  `SELECT i.location_id AS _location, i.kind AS _kind, i.value AS _value, ${COLS}
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS i(location_id, kind, value)
     JOIN contact_identities ci ON ci.location_id = i.location_id AND ci.kind = i.kind AND ci.value = i.value
     JOIN contacts ct ON ct.location_id = ci.location_id AND ct.id = ci.contact_id`,
);

/**
 * $1 locations, $2 kinds, $3 values, $4 sources, $5 first names, $6 last names: the contacts found,
 * and contacts created for the identities nobody has (claimed first; a claim lost to a concurrent
 * transaction is simply not returned).
 */
const FIND_OR_CREATE = prepared(
  'identities_find_or_create',
  `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
                    AS i(location_id, kind, value, source, first_name, last_name, ord)),
   found AS (
     SELECT i.location_id, i.kind, i.value, ci.contact_id FROM input i
       JOIN contact_identities ci ON ci.location_id = i.location_id AND ci.kind = i.kind AND ci.value = i.value),
   claimed AS (
     INSERT INTO contact_identities (location_id, kind, value, contact_id)
     SELECT i.location_id, i.kind, i.value, gen_random_uuid() FROM input i
      WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.location_id = i.location_id AND f.kind = i.kind AND f.value = i.value)
      ORDER BY i.ord
     ON CONFLICT DO NOTHING
     RETURNING location_id, kind, value, contact_id),
   created AS (
     INSERT INTO contacts (location_id, id, phone, email, first_name, last_name, source)
     SELECT c.location_id, c.contact_id, CASE WHEN c.kind = 'phone' THEN c.value END, CASE WHEN c.kind = 'email' THEN c.value END,
            i.first_name, i.last_name, i.source
       FROM claimed c JOIN input i ON i.location_id = c.location_id AND i.kind = c.kind AND i.value = c.value
     RETURNING location_id, ${CONTACT_COLUMNS})
   SELECT false AS _created, f.location_id AS _location, f.kind AS _kind, f.value AS _value, ${COLS}
     FROM found f JOIN contacts ct ON ct.location_id = f.location_id AND ct.id = f.contact_id
   UNION ALL
   SELECT true, c.location_id, c.kind, c.value, ${COLS}
     FROM claimed c JOIN created ct ON ct.location_id = c.location_id AND ct.id = c.contact_id`,
);

export interface FoundContact {
  contact: Contact;
  created: boolean;
}

/**
 * The contact of each (location, identity), created when nobody has it; answered in the order of
 * the input. New contacts are announced (contact.created). Empty names from the provider's profile
 * fill a found contact's empty name (a WhatsApp profile name, a Messenger profile).
 */
export async function findOrCreateContacts(
  tx: Tx,
  wanted: { locationId: string; identity: Identity; profile: NewContactProfile }[],
): Promise<FoundContact[]> {
  // One row per distinct identity, in a stable order (concurrent batches claim in the same order).
  const distinct = [...new Map(wanted.map((w) => [key(w.locationId, w.identity), w])).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, w]) => w);
  const r = await tx.query(FIND_OR_CREATE, [
    distinct.map((w) => w.locationId),
    distinct.map((w) => w.identity.kind),
    distinct.map((w) => identityValue(w.identity)),
    distinct.map((w) => w.profile.source),
    distinct.map((w) => w.profile.firstName ?? null),
    distinct.map((w) => w.profile.lastName ?? null),
  ]);
  const out = new Map<string, FoundContact>();
  for (const row of r.rows) {
    const contact = toContact(row);
    out.set(`${row._location}|${row._kind}|${row._value}`, { contact, created: row._created });
    if (row._created) tx.emit({ locationId: row._location, type: 'contact.created', data: contact });
  }
  const missing = distinct.filter((w) => !out.has(key(w.locationId, w.identity)));
  if (missing.length > 0) {
    // Claimed meanwhile by a concurrent delivery, which has committed by now (ON CONFLICT waited for it).
    const again = await tx.query(FIND, [missing.map((w) => w.locationId), missing.map((w) => w.identity.kind), missing.map((w) => identityValue(w.identity))]);
    for (const row of again.rows) out.set(`${row._location}|${row._kind}|${row._value}`, { contact: toContact(row), created: false });
  }
  await fillEmptyNames(tx, wanted, out);
  return wanted.map((w) => {
    const found = out.get(key(w.locationId, w.identity));
    if (!found) throw new Error(`identity ${w.identity.kind} of location ${w.locationId} could not be resolved`);
    return found;
  });
}

/** A provider's profile name fills a found contact that has no name (never overwrites one). */
async function fillEmptyNames(tx: Tx, wanted: { locationId: string; identity: Identity; profile: NewContactProfile }[], out: Map<string, FoundContact>) {
  const fills = new Map<string, { locationId: string; id: string; first: string | null; last: string | null }>();
  for (const w of wanted) {
    const found = out.get(key(w.locationId, w.identity));
    if (!found || found.created || found.contact.firstName || found.contact.lastName) continue;
    if (!w.profile.firstName && !w.profile.lastName) continue;
    fills.set(`${w.locationId}|${found.contact.id}`, { locationId: w.locationId, id: found.contact.id, first: w.profile.firstName ?? null, last: w.profile.lastName ?? null });
  }
  if (fills.size === 0) return;
  const list = [...fills.values()];
  const r = await tx.query(
    `UPDATE contacts ct SET first_name = f.first, last_name = f.last, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS f(location_id, id, first, last)
      WHERE ct.location_id = f.location_id AND ct.id = f.id AND ct.first_name IS NULL AND ct.last_name IS NULL
      RETURNING ct.location_id AS _location, ${COLS}`,
    [list.map((f) => f.locationId), list.map((f) => f.id), list.map((f) => f.first), list.map((f) => f.last)],
  );
  for (const row of r.rows) {
    const contact = toContact(row);
    tx.emit({ locationId: row._location, type: 'contact.updated', data: contact });
    for (const found of out.values()) if (found.contact.id === contact.id) found.contact = contact;
  }
}

/** The contact that has this identity, if any. */
export async function findContactByIdentity(db: Queryable, locationId: string, identity: Identity): Promise<Contact | null> {
  const r = await db.query(FIND, [[locationId], [identity.kind], [identityValue(identity)]]);
  return r.rows[0] ? toContact(r.rows[0]) : null;
}

/**
 * Gives a contact an identity (a web chat visitor's first message, a hand-made link). Answers the
 * contact that has it afterwards: this one, or another that had it already (never moved silently).
 */
export async function linkIdentity(tx: Tx, locationId: string, contactId: string, identity: Identity): Promise<string> {
  const r = await tx.query<{ contact_id: string }>(
    `INSERT INTO contact_identities (location_id, kind, value, contact_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (location_id, kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING contact_id`,
    [locationId, identity.kind, identityValue(identity), contactId],
  );
  return r.rows[0].contact_id;
}

/** The identities of a contact, by kind. */
export async function identitiesOf(db: Queryable, locationId: string, contactId: string): Promise<Identity[]> {
  const r = await db.query<{ kind: IdentityKind; value: string }>(
    'SELECT kind, value FROM contact_identities WHERE location_id = $1 AND contact_id = $2 ORDER BY kind, created_at',
    [locationId, contactId],
  );
  return r.rows;
}
