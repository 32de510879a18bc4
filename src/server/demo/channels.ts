/**
 * Demo mode only: the demo clinics' Twilio numbers, connected to the provider simulator, so a
 * newcomer sees SMS and calls work with no account anywhere. The credentials are the simulator's
 * (not secrets), and real deployments never run this (see config.simulator).
 */
import { connectionsOf, insertConnection } from '../channels/store';
import { withTx } from '../db/tx';
import type { Deps } from '../http/types';

export const DEMO_TWILIO = [
  {
    location: 'Glow Aesthetics Clinic',
    accountSid: 'AC' + 'd3' + '0'.repeat(30),
    authToken: 'demo-glow-simulator-token',
    number: '+12125550100',
    forwarding: '+12125550199',
  },
  {
    location: 'Radiance Med Spa',
    accountSid: 'AC' + 'd4' + '0'.repeat(30),
    authToken: 'demo-radiance-simulator-token',
    number: '+442071838750',
    forwarding: '+442071838799',
  },
] as const;

/** Connects each demo location's number once, as an admin would (a location that already has a number is left alone). */
export async function ensureDemoChannels(deps: Deps): Promise<void> {
  const { pool, secrets } = deps;
  const twilio = deps.channels.forProvider('twilio')!.connection!;
  for (const d of DEMO_TWILIO) {
    const loc = await pool.query<{ id: string }>('SELECT id FROM locations WHERE name = $1', [d.location]);
    const locationId = loc.rows[0]?.id;
    if (!locationId || (await connectionsOf(pool, secrets, locationId, 'twilio')).length > 0) continue;
    const stored = await twilio.connect(deps, locationId, {
      type: 'twilio',
      name: 'Main line (simulator)',
      phoneNumber: d.number,
      accountSid: d.accountSid,
      authToken: d.authToken,
      forwardingNumber: d.forwarding,
      isDefault: true,
    });
    await withTx(pool, (tx) => insertConnection(tx, secrets, locationId, 'twilio', stored)).catch((err) => {
      if ((err as { code?: string }).code !== '23505') throw err; // connected meanwhile by another process
    });
  }
  deps.channels.forget();
  // Click-to-call rings the user's own phone first: give the demo team simulator phones.
  for (const [email, phone] of DEMO_USER_PHONES) {
    await pool.query('UPDATE users SET phone = $2 WHERE lower(email) = $1 AND phone IS NULL', [email, phone]);
  }
}

export const DEMO_USER_PHONES = [
  ['admin@demo.local', '+12125550142'],
  ['staff@demo.local', '+12125550143'],
  ['owner@radiance.local', '+447700900142'],
] as const;
