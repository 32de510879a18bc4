/**
 * Connections (channels rows): provider, name, config, sealed secrets, status and last error, and
 * the addresses that route inbound traffic to them (channel_addresses). Provider-agnostic: each
 * adapter reads its own config and secrets.
 */
import type { Secrets } from '../crypto/secrets';
import { prepared, type Queryable } from '../db/pool';
import type { Address, Connection, NewConnection } from './adapter';

const COLUMNS = 'c.location_id, c.id, c.type, c.name, c.secrets, c.config, c.is_default, c.status, c.last_error, c.last_error_at, c.created_at';

export function toConnection(r: any, secrets: Secrets): Connection {
  return {
    locationId: r.location_id,
    id: r.id,
    provider: r.type,
    name: r.name,
    config: r.config ?? {},
    secrets: JSON.parse(secrets.decrypt(r.secrets)),
    isDefault: r.is_default,
    status: r.status,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

const BY_ADDRESS = prepared(
  'connection_by_address',
  `SELECT ${COLUMNS} FROM channel_addresses a JOIN channels c ON c.location_id = a.location_id AND c.id = a.channel_id
    WHERE a.kind = $1 AND a.address = $2`,
);

/** The connection an inbound address (a number, a page id, a mailbox…) belongs to, whatever the location. */
export async function connectionByAddress(db: Queryable, secrets: Secrets, kind: string, address: string): Promise<Connection | null> {
  const r = await db.query(BY_ADDRESS, [kind, address]);
  return r.rows[0] ? toConnection(r.rows[0], secrets) : null;
}

export async function connectionById(db: Queryable, secrets: Secrets, locationId: string, id: string): Promise<Connection | null> {
  const r = await db.query(`SELECT ${COLUMNS} FROM channels c WHERE c.location_id = $1 AND c.id = $2`, [locationId, id]);
  return r.rows[0] ? toConnection(r.rows[0], secrets) : null;
}

/** A location's connections of one provider, the default first. */
export async function connectionsOf(db: Queryable, secrets: Secrets, locationId: string, provider: string): Promise<Connection[]> {
  const r = await db.query(`SELECT ${COLUMNS} FROM channels c WHERE c.location_id = $1 AND c.type = $2 ORDER BY c.is_default DESC, c.created_at`, [
    locationId,
    provider,
  ]);
  return r.rows.map((row) => toConnection(row, secrets));
}

/** Every connection of a location, oldest first, with its addresses. */
export async function allConnections(db: Queryable, secrets: Secrets, locationId: string): Promise<(Connection & { addresses: Address[] })[]> {
  const r = await db.query(
    `SELECT ${COLUMNS}, coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'address', a.address) ORDER BY a.created_at)
                                   FROM channel_addresses a WHERE a.location_id = c.location_id AND a.channel_id = c.id), '[]') AS addresses
       FROM channels c WHERE c.location_id = $1 ORDER BY c.created_at`,
    [locationId],
  );
  return r.rows.map((row) => ({ ...toConnection(row, secrets), addresses: row.addresses }));
}

/** The providers connected to a location (what the send rules call "connected"). */
export async function connectedProviders(db: Queryable, locationId: string): Promise<string[]> {
  const r = await db.query<{ type: string }>(`SELECT DISTINCT type FROM channels WHERE location_id = $1 AND status <> 'disabled'`, [locationId]);
  return r.rows.map((x) => x.type);
}

/**
 * Stores a new connection and its addresses, in the caller's transaction. An address another
 * connection has already answers a unique violation on channel_addresses_pkey (the route says 409).
 */
export async function insertConnection(db: Queryable, secrets: Secrets, locationId: string, provider: string, c: NewConnection): Promise<Connection> {
  const first = (await db.query('SELECT 1 FROM channels WHERE location_id = $1 AND type = $2', [locationId, provider])).rowCount === 0;
  const isDefault = c.isDefault ?? first;
  if (isDefault) await db.query('UPDATE channels SET is_default = false WHERE location_id = $1 AND type = $2', [locationId, provider]);
  const r = await db.query(
    `INSERT INTO channels AS c (location_id, type, name, secrets, config, is_default) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [locationId, provider, c.name, secrets.encrypt(JSON.stringify(c.secrets)), JSON.stringify(c.config), isDefault],
  );
  const conn = toConnection(r.rows[0], secrets);
  for (const a of c.addresses) {
    await db.query('INSERT INTO channel_addresses (kind, address, location_id, channel_id) VALUES ($1, $2, $3, $4)', [a.kind, a.address, locationId, conn.id]);
  }
  return conn;
}

/** Removes a connection (its addresses and sync streams go with it). Answers whether it existed. */
export async function deleteConnection(db: Queryable, locationId: string, id: string): Promise<boolean> {
  const r = await db.query('DELETE FROM channels WHERE location_id = $1 AND id = $2', [locationId, id]);
  return (r.rowCount ?? 0) > 0;
}

/** A connection's health: 'error' with what failed, 'reconnect' when its grant was revoked, 'active' again when it works. */
export async function setConnectionStatus(db: Queryable, locationId: string, id: string, status: Connection['status'], error: string | null): Promise<void> {
  await db.query(
    `UPDATE channels SET status = $3, last_error = CASE WHEN $3 = 'active' THEN NULL ELSE coalesce($4, last_error) END,
            last_error_at = CASE WHEN $4::text IS NULL THEN last_error_at ELSE now() END,
            updated_at = now()
      WHERE location_id = $1 AND id = $2 AND (status IS DISTINCT FROM $3 OR $4::text IS NOT NULL)`,
    [locationId, id, status, error],
  );
}
