/**
 * Joining a team and looking after one's password, in real Chromium: an admin invites a new person
 * in Settings → Team (no system mail here: the link is shown to copy), the person opens the link in
 * their own browser, is refused a common password, chooses a good one and lands in the inbox; the
 * invitation leaves the "Invited" list. Then they change their password from the account menu (their
 * other session is signed out) and sign in with it; and a reset link from the admin works once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function page(width = 1440, height = 900): Promise<Page> {
  const ctx = await newContext(browser, { width, height });
  contexts.push(ctx);
  return ctx.newPage();
}

async function openTeam(p: Page) {
  await p.getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Team' }).click();
  await p.getByRole('heading', { name: 'Team', level: 2, exact: true }).waitFor();
}

const inbox = (p: Page) => p.getByRole('listbox', { name: /conversations/i });

describe('team access', () => {
  it('invites a new member who sets a password from the link in their own browser and is signed in; then changes it', async () => {
    const admin = await page();
    await signIn(admin, server.url, DEMO.admin.email, DEMO.admin.password);
    await openTeam(admin);
    const form = admin.locator('form', { has: admin.getByRole('button', { name: 'Create invitation link' }) });
    await form.getByLabel('E-mail').fill('noor@glow.test');
    await form.getByLabel('Name (optional)').fill('Noor Haddad');
    await form.getByRole('button', { name: 'Create invitation link' }).click();
    const made = admin.getByRole('status', { name: 'Invitation for noor@glow.test' });
    await made.getByText('This server does not send e-mail').waitFor();
    const link = await made.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invite/`));
    const invited = admin.getByRole('list', { name: /Invitations/ });
    await invited.getByText('Noor Haddad · noor@glow.test').waitFor();

    // Their own browser.
    const noor = await page();
    await noor.goto(link);
    await noor.getByRole('heading', { name: 'Join Glow Aesthetics Clinic' }).waitFor();
    await expect(noor.getByLabel('Your name').inputValue()).resolves.toBe('Noor Haddad');
    await noor.getByLabel('Choose a password').fill('sunshine123');
    await noor.getByRole('button', { name: 'Create account and join' }).click();
    await noor.getByText('one of the most common passwords').waitFor();
    await noor.getByLabel('Choose a password').fill('olive-grove-lantern');
    await noor.getByRole('button', { name: 'Create account and join' }).click();
    await inbox(noor).waitFor();
    expect(new URL(noor.url()).pathname).toBe('/');

    // The admin sees them on the team, no longer invited.
    await admin.reload();
    await admin.getByRole('button', { name: 'Reset link for Noor Haddad' }).waitFor();
    await expect.poll(() => admin.getByText('noor@glow.test', { exact: false }).count()).toBe(1);

    // The link is used up.
    const again = await page();
    await again.goto(link);
    await again.getByRole('heading', { name: 'This invitation was already accepted' }).waitFor();

    // Another session of Noor's, signed out by the change.
    const elsewhere = await ApiClient.signedIn(server.url, { email: 'noor@glow.test', password: 'olive-grove-lantern' });
    await noor.getByRole('button', { name: 'Account and preferences' }).click();
    await noor.getByRole('button', { name: 'Change password' }).click();
    const change = noor.getByRole('form', { name: 'Change password' });
    await change.getByLabel('Current password').fill('not my password');
    await change.getByLabel('New password', { exact: true }).fill('copper-kettle-harbour');
    await change.getByRole('button', { name: 'Change password' }).click();
    await change.getByText('That is not your current password.').waitFor();
    await change.getByLabel('Current password').fill('olive-grove-lantern');
    await change.getByRole('button', { name: 'Change password' }).click();
    await noor.getByText('Password changed. 1 other session was signed out.').waitFor();
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    await inbox(noor).waitFor(); // this session stays

    await noor.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signIn(noor, server.url, 'noor@glow.test', 'copper-kettle-harbour');
  });

  it('a reset link from the admin lets a member choose a new password once', async () => {
    const admin = await page();
    await signIn(admin, server.url, DEMO.admin.email, DEMO.admin.password);
    await openTeam(admin);
    await admin.getByRole('button', { name: 'Reset link for Jordan Lee' }).click();
    const made = admin.getByRole('status', { name: 'Password reset link for Jordan Lee' });
    const link = await made.getByRole('textbox', { name: 'Link' }).inputValue();

    const jordan = await page(390, 844);
    await jordan.goto(link);
    await jordan.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await jordan.getByLabel('New password', { exact: true }).fill('short');
    await jordan.getByRole('button', { name: 'Set new password' }).click();
    await jordan.getByText('at least 10 characters').first().waitFor();
    await jordan.getByLabel('New password', { exact: true }).fill('meadow-violin-2031');
    await jordan.getByRole('button', { name: 'Set new password' }).click();
    await inbox(jordan).waitFor();

    const again = await page(390, 844);
    await again.goto(link);
    await again.getByRole('heading', { name: 'This reset link was already used' }).waitFor();
    await again.getByRole('link', { name: 'Go to sign in' }).click();
    await again.getByRole('button', { name: 'Forgot password?' }).click();
    await again.getByText('This server does not send e-mail.').waitFor();
  });
});
