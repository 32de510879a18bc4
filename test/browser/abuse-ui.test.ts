/**
 * What the web app shows of issue 11's rules, in real Chromium on the demo data: a web chat
 * visitor's typed e-mail and phone appear on the contact as "From web chat", not verified (never
 * as its phone or e-mail); a team member is offered no Delete (an admin's action), in the row menu
 * or the bulk bar. Desktop and phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';
const SHOTS = process.env.SHOTS_DIR;

let server: TestServer;
let browser: Browser;
let glowId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
  const admin = await ApiClient.signedIn(server.url, DEMO.admin);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shot = (page: Page, name: string) => (SHOTS ? page.screenshot({ path: `${SHOTS}/${name}.png` }) : Promise.resolve());

describe('a web chat visitor’s details', () => {
  for (const [label, size] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`are shown apart, as not verified (${label})`, async () => {
      const v = new WidgetVisitor(server.url, glowId, SITE);
      expect((await v.start()).status).toBe(201);
      const name = `Maria ${label === 'phone' ? 'Phone' : 'Desk'}`;
      expect((await v.profile({ name, email: `maria.${label}@example.com`, phone: '(212) 555-0142' })).status).toBe(200);
      expect((await v.say('Hi, do you have time on Friday?')).status).toBe(201);

      const ctx = await newContext(browser, size);
      const page = await ctx.newPage();
      await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
      await page.locator('[data-conversation-id]', { hasText: name }).first().click();
      if (label === 'phone') await page.getByRole('button', { name: 'Contact details' }).click();
      const details = page.getByRole('region', { name: 'Contact details' });
      await details.getByRole('heading', { name }).waitFor();
      const fromChat = details.locator('dd.cs-unverified');
      await fromChat.getByText('(212) 555-0142').waitFor();
      await fromChat.getByText(`maria.${label}@example.com`).waitFor();
      await fromChat.getByText('Typed by the visitor, not verified').waitFor();
      // Not a way to reach them: Phone and E-mail stay empty, no tel:/mailto: link to the typed ones.
      expect(await details.locator('a[href^="tel:"], a[href^="mailto:"]').count()).toBe(0);
      const box = (await fromChat.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      await shot(page, `webchat-details-${label}`);
      await ctx.close();
    });
  }
});

describe('deleting a conversation', () => {
  it('is not offered to a team member: no Delete in the row menu nor the bulk bar', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.staff.email, DEMO.staff.password);
    await page.getByRole('tab', { name: 'All' }).click();
    const row = page.locator('[data-conversation-id]').first();
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Select' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: 'Delete…' }).count()).toBe(0);
    await shot(page, 'row-menu-staff');
    await menu.getByRole('menuitem', { name: 'Select' }).click();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await bar.getByText('1 selected').waitFor();
    await bar.getByRole('button', { name: 'Close', exact: true }).waitFor();
    expect(await bar.getByRole('button', { name: 'Delete…' }).count()).toBe(0);
    await shot(page, 'bulk-bar-staff');
    await ctx.close();

    // An admin has both.
    const adminCtx = await newContext(browser);
    const adminPage = await adminCtx.newPage();
    await signIn(adminPage, server.url, DEMO.admin.email, DEMO.admin.password);
    await adminPage.getByRole('tab', { name: 'All' }).click();
    await adminPage.locator('[data-conversation-id]').first().click({ button: 'right' });
    await adminPage.getByRole('menu').getByRole('menuitem', { name: 'Delete…' }).waitFor();
    await adminCtx.close();
  });
});
