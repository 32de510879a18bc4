/**
 * Opportunities in the inbox, in real Chromium against the real server (demo data): created from
 * the Opportunities tab, the card arrives live for a colleague, who opens it and moves the stage;
 * deleted, its old card explains the record is gone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let conversationId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  const r = await server.pool.query(
    `SELECT c.id FROM conversations c JOIN locations l ON l.id = c.location_id
      WHERE l.name = 'Glow Aesthetics Clinic' ORDER BY c.last_message_at DESC LIMIT 1`,
  );
  conversationId = r.rows[0].id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openConversation(user: { email: string; password: string }): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, server.url, user.email, user.password);
  await page.goto(`${server.url}/c/${conversationId}`);
  await page.getByRole('log', { name: 'Conversation' }).locator('.item').first().waitFor();
  await page.getByRole('tab', { name: 'Opportunities' }).click();
  return page;
}

const card = (page: Page, text: string) => page.locator('.activity-card', { hasText: text });

describe('opportunities from the inbox', () => {
  it('creates one in place, a colleague sees its card live, opens it and moves the stage; both see the new card', async () => {
    const [front, colleague] = await Promise.all([openConversation(DEMO.admin), openConversation(DEMO.staff)]);
    const name = `Lip filler package ${Date.now()}`;

    await front.getByRole('button', { name: /New opportunity|New/ }).first().click();
    await front.getByLabel('Name').fill(name);
    await front.getByLabel('Stage').selectOption({ label: 'Consultation Booked' });
    await front.getByLabel('Value').fill('650');
    await front.getByRole('button', { name: 'Create opportunity' }).click();
    await front.getByRole('button', { name: `View opportunity ${name}` }).waitFor();

    const created = `Opportunity created: ${name} — $650, Consultation Booked`;
    await card(colleague, created).waitFor();
    await colleague.getByRole('button', { name: `View opportunity ${name}` }).waitFor(); // the list follows live
    await card(colleague, created).getByRole('button', { name: 'View Opportunity' }).click();
    const panel = colleague.getByRole('complementary', { name: 'Opportunity details' });
    await panel.getByRole('heading', { name }).waitFor();
    await panel.getByLabel('Stage').selectOption({ label: 'Treatment Plan Sent' });

    const moved = `Opportunity moved to Treatment Plan Sent: ${name}`;
    await Promise.all([card(front, moved).waitFor(), card(colleague, moved).waitFor()]);
    await expect(card(front, moved).locator('.activity-changes').textContent()).resolves.toMatch(/Consultation Booked.*Treatment Plan Sent/);
    await front.locator('.opp-card', { hasText: name }).getByText('Treatment Plan Sent', { exact: false }).waitFor();

    // Deleted by the colleague: the front desk's old card now explains the record is gone.
    await panel.getByRole('button', { name: 'Delete' }).click();
    await panel.getByRole('group', { name: 'Confirm deleting the opportunity' }).getByRole('button', { name: 'Delete' }).click();
    await panel.getByText('This opportunity was deleted').waitFor();
    await card(front, `Opportunity deleted: ${name}`).waitFor();
    await card(front, created).getByRole('button', { name: 'View Opportunity' }).click();
    await front.getByRole('complementary', { name: 'Opportunity details' }).getByText('This opportunity was deleted').waitFor();
    await expect(front.locator('.opp-card', { hasText: name }).count()).resolves.toBe(0);
  });
});
