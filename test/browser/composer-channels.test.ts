/**
 * The composer's channels in real Chromium: every channel the contact has an address on is
 * listed; those the send rules refuse now are disabled with the reason before anything is typed
 * (not connected — with the way to Settings for an admin —, window closed, DND), the window's
 * countdown, and the API refusing with the same words.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../src/server/db/tx';
import { recordMessage } from '../../src/server/messages/record';
import { ApiClient } from '../helpers/client';
import { launchBrowser, newContext, signIn } from '../helpers/browser';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectTwilio } from '../helpers/twilio';

let server: TestServer;
let browser: Browser;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  await connectTwilio(admin, '+12125550100');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A contact who wrote on `type` `hoursAgo` hours ago; answers the conversation id. */
async function wrote(name: string, type: 'TYPE_WHATSAPP' | 'TYPE_INSTAGRAM' | 'TYPE_SMS', hoursAgo: number, phone?: string): Promise<string> {
  const c = await admin.post('/api/v1/contacts', { firstName: name, ...(phone && { phone }) });
  const { message } = await withTx(server.pool, (tx) =>
    recordMessage(tx, {
      locationId: fx.locationId,
      contactId: c.body.id,
      messageType: type,
      direction: 'inbound',
      status: 'received',
      body: `Hello from ${name}`,
      createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
    }),
  );
  return message.conversationId;
}

async function open(page: Page, conversationId: string) {
  await page.goto(`${server.url}/c/${conversationId}`);
  await page.locator('.composer').waitFor();
}

const options = (page: Page) =>
  page.locator('select[aria-label="Reply channel"] option').evaluateAll((els) => els.map((e) => ({ label: e.textContent, disabled: (e as HTMLOptionElement).disabled })));

describe('composer channels', () => {
  it('shows the channels the rules refuse as disabled, with the reason and the way out, before typing', async () => {
    const wa = await wrote('Wanda', 'TYPE_WHATSAPP', 2, '+12125550111');
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, fx.admin.email, fx.admin.password);
    await open(page, wa);
    // Her last message was on WhatsApp, which is not connected: it is chosen, refused, and says why.
    await expect.poll(() => options(page)).toEqual([
      { label: 'SMS', disabled: false },
      { label: 'WhatsApp (not connected)', disabled: false },
    ]);
    const notice = page.locator('.composer-notice');
    await expect.poll(() => notice.textContent()).toContain('No WhatsApp channel is connected to this location yet.');
    await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    // The admin's way out: Settings → Channels.
    await notice.getByRole('link', { name: /Connect WhatsApp in Settings/ }).click();
    await page.waitForURL('**/settings/channels');
    // The API says the same.
    const api = await admin.post(`/api/v1/conversations/${wa}/messages`, { type: 'WhatsApp', body: 'hi' });
    expect(api.body.error).toMatchObject({ code: 'channel_not_connected', message: 'No WhatsApp channel is connected to this location yet.' });

    // SMS is usable: picking it clears the refusal.
    await open(page, wa);
    await page.locator('select[aria-label="Reply channel"]').selectOption('SMS');
    await expect.poll(() => page.locator('.composer-notice').count()).toBe(0);
    await page.getByLabel('Reply', { exact: true }).fill('We can text you instead.');
    await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(false);
    await ctx.close();
  });

  it('names DND and opens the contact’s DND settings; a member gets no Settings link', async () => {
    const sms = await wrote('Dora', 'TYPE_SMS', 1, '+12125550112');
    const contactId = (await admin.get(`/api/v1/conversations/${sms}`)).body.contact.id;
    await admin.patch(`/api/v1/contacts/${contactId}`, { dndSettings: { SMS: { status: 'active' } } });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, fx.staff.email, fx.staff.password);
    await open(page, sms);
    await expect.poll(() => options(page)).toEqual([
      { label: 'SMS (DND)', disabled: false },
      { label: 'WhatsApp (not connected)', disabled: true },
    ]);
    const notice = page.locator('.composer-notice');
    await expect.poll(() => notice.textContent()).toContain('Cannot send messages as DND is active for SMS.');
    await page.getByRole('tab', { name: 'Appointments' }).click();
    await page.locator('#contact-dnd').waitFor({ state: 'detached' });
    await notice.getByRole('button', { name: 'See the contact’s DND settings' }).click();
    await page.locator('#contact-dnd').waitFor({ state: 'visible' });
    // A member is told who can connect a channel, with no link to pages they cannot open.
    await open(page, await wrote('Walt', 'TYPE_WHATSAPP', 3, '+12125550113'));
    await expect.poll(() => page.locator('.composer-notice').textContent()).toContain('An admin can connect it in Settings.');
    expect(await page.locator('.composer-notice a').count()).toBe(0);
    await ctx.close();
  });

  it('counts down an open Instagram window and refuses a closed one', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, fx.admin.email, fx.admin.password);
    await open(page, await wrote('Ines', 'TYPE_INSTAGRAM', 30));
    await expect.poll(() => options(page)).toEqual([{ label: 'Instagram (not connected)', disabled: false }]);
    // Connected (a stand-in row: the Instagram adapter comes with its own issue), the window rules speak.
    await server.pool.query(
      `INSERT INTO channels (location_id, type, name, secrets, config) VALUES ($1, 'facebook', 'Page', $2, '{}')`,
      [fx.locationId, server.deps.secrets.encrypt('{}')],
    );
    await page.reload();
    await page.locator('.composer').waitFor();
    await expect.poll(() => options(page)).toEqual([{ label: 'Instagram (window closed)', disabled: false }]);
    await expect.poll(() => page.locator('.composer-notice').textContent()).toContain("Instagram allows replies only within 24 hours of the contact's last message");
    await open(page, await wrote('Iris', 'TYPE_INSTAGRAM', 21.5));
    await expect.poll(() => page.locator('.composer-hint-line').textContent()).toMatch(/Instagram window closes in 2 h (2\d|30) min\./);
    await ctx.close();
  });
});
