/**
 * Calls in the web app, in real Chromium against the provider simulator: a recorded call plays in
 * the thread from its authenticated attachment URL; the header's Call button asks for the user's
 * phone, then places the call; it is disabled, with the reason, for a contact with Call DND.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { freePort } from '../../src/server/db/embedded';
import { launchBrowser, newContext, signIn } from '../helpers/browser';
import { ApiClient } from '../helpers/client';
import { newContact } from '../helpers/data';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { ACCOUNT_SID, AUTH_TOKEN, connectTwilio } from '../helpers/twilio';
import { callsOf, waitFor } from '../helpers/voice';

const PRACTICE = '+12125550100';
let sim: Simulator;
let server: TestServer;
let browser: Browser;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  sim = await startSimulator({ port: 0, appUrl, accounts: [{ sid: ACCOUNT_SID, token: AUTH_TOKEN, numbers: [PRACTICE] }], timing: { statusDelayMs: 5 } });
  [server, browser] = await Promise.all([startTestServer({ PORT: String(port), PUBLIC_URL: appUrl, TWILIO_API_BASE_URL: sim.url }), launchBrowser()]);
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  await connectTwilio(admin, PRACTICE, { forwardingNumber: '+12125550177' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sim?.close();
});

it('plays a call recording and places a call from the header', async () => {
  await fetch(`${sim.url}/_sim/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '+19175550301', to: PRACTICE, outcome: 'answered', duration: 7 }),
  });
  const { conv } = await waitFor('the recorded call', async () => {
    const r = await callsOf(admin, '9175550301');
    return r.calls[0]?.attachments.length === 1 && r;
  });
  const dnd = await newContact(admin, { firstName: 'Dana', lastName: 'Quiet', dndSettings: { Call: { status: 'active' } } });
  const dndConv = (await admin.post('/api/v1/conversations', { contactId: dnd.id })).body.id;

  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await signIn(page, server.url, fx.admin.email, fx.admin.password);
  await page.goto(`${server.url}/c/${conv.id}`);
  const audio = page.getByLabel('Call recording');
  await audio.waitFor();
  expect(await audio.getAttribute('src')).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]+\/content$/);
  expect(await page.locator('.call-title').first().textContent()).toMatch(/^Incoming call · 0:\d\d$/);

  await page.getByRole('button', { name: /^Call / }).click();
  const form = page.getByRole('form', { name: 'Your phone number' });
  await form.getByText('Add your phone number in your profile to place calls', { exact: false }).waitFor();
  await form.getByLabel('Your phone').fill('(646) 555-0142');
  await form.getByRole('button', { name: 'Save and call' }).click();
  await page.getByRole('status').filter({ hasText: 'Calling your phone…' }).waitFor();
  await page.getByText('Outgoing call · ', { exact: false }).first().waitFor();

  await page.goto(`${server.url}/c/${dndConv}`);
  const call = page.getByRole('button', { name: 'Call Dana Quiet' });
  await call.waitFor();
  await expect.poll(() => call.isDisabled()).toBe(true);
  expect(await page.locator('.call-wrap').getAttribute('title')).toBe('Calls are off: DND is active for Calls');
  await ctx.close();
});
