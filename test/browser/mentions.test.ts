/**
 * Collaboration in real Chromium on the demo data: an @mention chosen from the autocomplete, whose
 * notification arrives live in a second browser signed in as that team member; and two members
 * with the same conversation open see each other viewing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let conv: { id: string; name: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  const r = await server.pool.query(
    `SELECT c.id, ct.first_name || ' ' || ct.last_name AS name FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
       JOIN locations l ON l.id = c.location_id WHERE l.name = 'Glow Aesthetics Clinic' ORDER BY c.last_message_at DESC LIMIT 1`,
  );
  conv = r.rows[0];
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });

describe('mentions', () => {
  it('mentions a team member from the autocomplete; their notification arrives live in their browser', async () => {
    const [a, b] = await Promise.all([newContext(browser), newContext(browser)]);
    const admin = await a.newPage();
    const staff = await b.newPage();
    await Promise.all([signIn(admin, server.url, DEMO.admin.email, DEMO.admin.password), signIn(staff, server.url, DEMO.staff.email, DEMO.staff.password)]);
    await expect(bell(staff).getAttribute('aria-label')).resolves.toBe('Notifications');

    await admin.goto(`${server.url}/c/${conv.id}`);
    await admin.getByRole('tab', { name: 'Internal comment' }).click();
    const box = admin.getByRole('textbox', { name: 'Internal comment' });
    await box.pressSequentially('Could you call her back, @jor');
    const list = admin.getByRole('listbox', { name: 'Mention a team member' });
    await list.getByRole('option', { name: /Jordan Lee/ }).waitFor();
    await expect(list.getByRole('option').count()).resolves.toBe(1);
    await box.press('Enter'); // chooses, does not send
    await expect(box.inputValue()).resolves.toBe('Could you call her back, @Jordan Lee ');
    await box.pressSequentially('today?');
    await box.press('Enter');
    const thread = admin.getByRole('log', { name: 'Conversation' });
    await thread.locator('mark.mention', { hasText: '@Jordan Lee' }).waitFor();
    const stored = await server.pool.query(`SELECT body, meta FROM messages WHERE conversation_id = $1 AND message_type = 'TYPE_INTERNAL_COMMENT' ORDER BY created_at DESC LIMIT 1`, [conv.id]);
    const jordan = (await server.pool.query(`SELECT id FROM users WHERE email = $1`, [DEMO.staff.email])).rows[0].id;
    expect(stored.rows[0].body).toBe(`Could you call her back, @[Jordan Lee](${jordan}) today?`);
    expect(stored.rows[0].meta.mentions).toEqual([jordan]);

    // Jordan's browser: the badge counts it at once, without a reload.
    await expect.poll(() => bell(staff).getAttribute('aria-label')).toBe('Notifications, 1 unread');
    await bell(staff).click();
    const panel = staff.getByRole('dialog', { name: 'Notifications' });
    const item = panel.getByRole('button', { name: new RegExp(`Avery Morgan mentioned you on ${conv.name}`) });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Could you call her back, @Jordan Lee today?');
    await item.click();
    await staff.locator('.conv-header').getByRole('heading', { name: conv.name }).waitFor();
    await expect.poll(() => bell(staff).getAttribute('aria-label')).toBe('Notifications');
    await Promise.all([a.close(), b.close()]);
  });
});

describe('presence', () => {
  it('shows who else has the conversation open, and when they leave', async () => {
    const [a, b] = await Promise.all([newContext(browser), newContext(browser)]);
    const admin = await a.newPage();
    const staff = await b.newPage();
    await Promise.all([signIn(admin, server.url, DEMO.admin.email, DEMO.admin.password), signIn(staff, server.url, DEMO.staff.email, DEMO.staff.password)]);
    await admin.goto(`${server.url}/c/${conv.id}`);
    await admin.locator('.conv-header').getByRole('heading', { name: conv.name }).waitFor();
    await staff.goto(`${server.url}/c/${conv.id}`);
    await admin.locator('.conv-header').getByText('Jordan is viewing').waitFor();
    await staff.locator('.conv-header').getByText('Avery is viewing').waitFor();
    // Typing an internal comment shows to the other member (never to a web chat visitor).
    await staff.getByRole('tab', { name: 'Internal comment' }).click();
    await staff.getByRole('textbox', { name: 'Internal comment' }).pressSequentially('Looking into it');
    await admin.getByText('Jordan is typing…').waitFor();
    await staff.goto(`${server.url}/`);
    await admin.locator('.conv-header').getByText('Jordan is viewing').waitFor({ state: 'detached' });
    await Promise.all([a.close(), b.close()]);
  });
});

describe('typing after choosing a mention', () => {
  it('keeps every character in order when the browser is slow to draw frames', async () => {
    const context = await newContext(browser);
    // A busy device: animation frames come 300 ms late, while keys keep arriving.
    await context.addInitScript(() => {
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => window.setTimeout(() => raf(cb), 300) as unknown as number;
    });
    const page = await context.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`${server.url}/c/${conv.id}`);
    await page.getByRole('tab', { name: 'Internal comment' }).click();
    const box = page.getByRole('textbox', { name: 'Internal comment' });
    await box.pressSequentially('Ask @jor');
    await page.getByRole('listbox', { name: 'Mention a team member' }).getByRole('option', { name: /Jordan Lee/ }).waitFor();
    await box.press('Enter');
    await box.pressSequentially('to call');
    await page.waitForTimeout(500); // the late frames arrive
    await box.pressSequentially(' back today');
    await expect(box.inputValue()).resolves.toBe('Ask @Jordan Lee to call back today');
    await context.close();
  });
});
