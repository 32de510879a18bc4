/**
 * Search in real Chromium: "/" focuses the box, typing shows contacts and messages with the matches
 * marked, the keyboard picks a message, and its thread opens scrolled to it (loaded from far back
 * in a long thread) and marked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { deliver } from '../helpers/data';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let conversationId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  const glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
  const admin = await ApiClient.signedIn(server.url, DEMO.admin);
  expect((await admin.put('/api/v1/me/location', { locationId: glowId })).status).toBe(200);
  const created = await admin.post('/api/v1/contacts', { firstName: 'Marisol', lastName: 'Vantongeren', phone: '(347) 019-2846' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const contact = created.body;
  // A long thread: the message searched for is far older than the first page (50 items).
  for (let i = 0; i < 90; i++) {
    const body = i === 6 ? 'Could I add a Zephyrine peel to my HydraFacial next time?' : `Thread filler message ${i}`;
    const { message } = await deliver(server.pool, { locationId: glowId, contactId: contact.id, body, createdAt: new Date(Date.now() - (200 - i) * 60_000) });
    conversationId = message.conversationId;
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const panel = (page: Page) => page.locator('.search-panel');

describe('search', () => {
  it('"/" → type → pick a message with the keyboard → the thread shows it, marked', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Search conversations' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('zephyr');

    const messages = panel(page).getByRole('group', { name: 'Messages' });
    const option = messages.getByRole('option').first();
    await option.waitFor();
    await expect(option.locator('mark').first().textContent()).resolves.toBe('Zephyrine');
    await expect(option.textContent()).resolves.toContain('Marisol Vantongeren');

    // Arrows move through the options (contacts first, none here), Enter opens.
    await page.keyboard.press('ArrowDown');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await panel(page).waitFor({ state: 'detached' });
    await page.waitForURL(`**/c/${conversationId}`);
    await page.locator('.conv-header').getByRole('heading', { name: 'Marisol Vantongeren' }).waitFor();

    const thread = page.getByRole('log', { name: 'Conversation' });
    const marked = thread.locator('.thread-row.jump-target');
    await marked.getByText('Could I add a Zephyrine peel to my HydraFacial next time?').waitFor();
    await expect.poll(() => marked.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const view = el.closest('.thread-scroll')!.getBoundingClientRect();
      return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
    })).toBe(true);
    // The mark fades after a moment; the message stays.
    await marked.waitFor({ state: 'detached', timeout: 5_000 });
    await thread.getByText('Could I add a Zephyrine peel to my HydraFacial next time?').waitFor();
    await ctx.close();
  });

  it('finds a contact by phone typed in any format; Escape closes, clicking opens the conversation', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    const box = page.getByRole('combobox', { name: 'Search conversations' });
    await box.click();
    await page.keyboard.type('019-28');
    const contact = panel(page).getByRole('group', { name: 'Contacts' }).getByRole('option').first();
    await contact.getByText('Marisol Vantongeren').waitFor();
    await expect(contact.locator('mark').textContent()).resolves.toBe('019-28');

    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    await expect(box.inputValue()).resolves.toBe('019-28'); // the list stays filtered
    await page.locator(`[data-conversation-id="${conversationId}"]`).waitFor();
    await page.keyboard.press('ArrowDown'); // reopens the panel
    await contact.click();
    await page.waitForURL(`**/c/${conversationId}`);
    await page.locator('.conv-header').getByRole('heading', { name: 'Marisol Vantongeren' }).waitFor();
    await ctx.close();
  });
});
