/**
 * Demo mode only: the demo clinics' Twilio numbers, connected to the provider simulator, so a
 * newcomer sees SMS and calls work with no account anywhere. The credentials are the simulator's
 * (not secrets), and real deployments never run this (see config.simulator).
 */
import type { Secrets } from '../crypto/secrets';
import type { Pool } from '../db/pool';

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

/** Connects each demo location's number once (a location that already has a number is left alone). */
export async function ensureDemoChannels(pool: Pool, secrets: Secrets): Promise<void> {
  for (const d of DEMO_TWILIO) {
    await pool.query(
      `INSERT INTO channels (location_id, type, name, phone_number, account_sid, secrets, config, is_default)
       SELECT l.id, 'twilio', 'Main line (simulator)', $2, $3, $4, $5, true FROM locations l
        WHERE l.name = $1 AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.location_id = l.id AND c.type = 'twilio')
       ON CONFLICT DO NOTHING`,
      [d.location, d.number, d.accountSid, secrets.encrypt(JSON.stringify({ authToken: d.authToken })), JSON.stringify({ forwardingNumber: d.forwarding })],
    );
  }
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
