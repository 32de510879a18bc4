/**
 * Invoices in the inbox, in real Chromium against the real server (demo data): one user bills a
 * contact from the Invoices tab and sends it; a colleague sees the card arrive live, opens View
 * Invoice from it and records the payment; both see the payment card.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openConversation(page: Page, id: string, name: string) {
  await page.getByRole('tab', { name: 'All' }).click();
  await page.locator(`[data-conversation-id="${id}"]`).click();
  await page.locator('.conv-header').getByRole('heading', { name }).waitFor();
}

describe('invoices', () => {
  it('creates and sends an invoice from the panel; a colleague sees the card live and records the payment', async () => {
    const r = await server.pool.query(
      `SELECT c.id, ct.first_name || ' ' || ct.last_name AS name FROM conversations c
         JOIN contacts ct ON ct.location_id = c.location_id AND ct.id = c.contact_id
         JOIN locations l ON l.id = c.location_id
        WHERE l.name = 'Glow Aesthetics Clinic' AND ct.phone IS NOT NULL AND NOT ct.dnd
          AND coalesce(ct.dnd_settings->'SMS'->>'status', 'inactive') = 'inactive'
        ORDER BY c.last_message_at DESC LIMIT 1`,
    );
    const conv = r.rows[0];
    const [ctxA, ctxB] = await Promise.all([newContext(browser), newContext(browser)]);
    const [a, b] = await Promise.all([ctxA.newPage(), ctxB.newPage()]);
    await signIn(a, server.url, DEMO.admin.email, DEMO.admin.password);
    await signIn(b, server.url, DEMO.admin.email, DEMO.admin.password);
    await openConversation(a, conv.id, conv.name);
    await openConversation(b, conv.id, conv.name);

    await a.getByRole('tab', { name: 'Invoices' }).click();
    await a.getByRole('button', { name: 'New invoice' }).first().click();
    await a.getByLabel('Item 1 name').fill('Botox (20 units)');
    await a.getByLabel('Unit price').fill('240');
    await a.getByLabel('Tax %').fill('8.875');
    await a.getByLabel('Totals').getByText('$261.30').waitFor(); // 240 + 21.30 tax, previewed
    await a.getByRole('button', { name: 'Save and send' }).click();

    const panelA = a.getByRole('complementary', { name: 'Invoice details' });
    await panelA.locator('.inv-status', { hasText: 'Sent' }).waitFor();
    // Without the simulator no SMS number is connected: the panel says the link was not texted.
    await expect(panelA.locator('.inv-delivery').textContent()).resolves.toMatch(/Payment link texted to|Payment link not sent: no SMS channel connected/);
    const number = (await panelA.getByRole('heading', { level: 3 }).textContent())!;
    expect(number).toMatch(/^INV-\d{4}$/);

    // The colleague's thread gets the card live, and its View button opens the invoice in place.
    const logB = b.getByRole('log', { name: 'Conversation' });
    const card = logB.locator('.activity-card', { hasText: `Invoice ${number} sent` });
    await card.waitFor();
    await card.getByRole('button', { name: 'View Invoice' }).click();
    const panelB = b.getByRole('complementary', { name: 'Invoice details' });
    await panelB.getByRole('heading', { name: number }).waitFor();
    await panelB.getByRole('button', { name: 'Record payment' }).click();
    await expect(panelB.getByLabel(/Amount/).inputValue()).resolves.toBe('261.30');
    await panelB.getByLabel('Method').selectOption('card_terminal');
    await panelB.getByRole('button', { name: 'Record payment' }).click();
    await panelB.locator('.inv-status', { hasText: 'Paid' }).waitFor();
    await panelB.locator('.inv-tx', { hasText: 'Card terminal' }).waitFor();

    // Both threads show the payment card; the first user's open panel follows.
    for (const page of [a, b]) {
      await page.getByRole('log', { name: 'Conversation' }).locator('.activity-card', { hasText: `Payment received: $261.30 (card terminal) — ${number} paid in full` }).waitFor();
    }
    await panelA.locator('.inv-status', { hasText: 'Paid' }).waitFor();

    // The public page shows it paid.
    const href = await panelA.getByRole('link', { name: /Open/ }).getAttribute('href');
    const pay = await ctxA.newPage();
    await pay.goto(href!);
    await pay.getByText('Paid in full.').waitFor();
    await Promise.all([ctxA.close(), ctxB.close()]);
  });
});
