/**
 * Finer inbox behaviour in real Chromium: keyboard shortcuts, live reordering that keeps the
 * user's place, the "new messages" pill, attachments by button.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../src/server/db/tx';
import { recordMessage } from '../../src/server/messages/record';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let glowId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An inbound SMS from a Glow contact, as a provider webhook would store it. */
async function inbound(contactId: string, body: string) {
  return withTx(server.pool, (tx) =>
    recordMessage(tx, { locationId: glowId, contactId, messageType: 'TYPE_SMS', direction: 'inbound', status: 'received', body }),
  );
}

async function openAll(page: Page) {
  await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole('tab', { name: 'All' }).click();
  await page.locator('[data-conversation-id]').first().waitFor();
}

describe('keyboard', () => {
  it('j/k move through conversations, s stars, ? lists the shortcuts, / focuses search', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await openAll(page);
    const ids = await page.locator('[data-conversation-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
    await page.keyboard.press('j');
    await page.waitForURL(`**/c/${ids[0]}`);
    await page.keyboard.press('j');
    await page.waitForURL(`**/c/${ids[1]}`);
    await page.keyboard.press('k');
    await page.waitForURL(`**/c/${ids[0]}`);

    const star = page.locator('.conv-header').getByRole('button', { name: /star conversation/i });
    const before = await star.getAttribute('aria-pressed');
    await page.keyboard.press('s');
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe(before === 'true' ? 'false' : 'true');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search conversations');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reply');
    await ctx.close();
  });
});

describe('live updates keep the user’s place', () => {
  it('a conversation moving to the top leaves the scrolled list and the selection where they were', async () => {
    const ctx = await newContext(browser, { width: 1440, height: 700 });
    const page = await ctx.newPage();
    await openAll(page);
    const scroller = page.locator('.mp-scroll');
    await scroller.evaluate((el) => (el.scrollTop = 72 * 12));
    await page.waitForTimeout(200);
    // The row at the top of the viewport, and one further down that we select.
    const firstVisible = await page.evaluate(() => {
      const box = document.querySelector('.mp-scroll')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('[data-conversation-id]')];
      return rows.find((r) => r.getBoundingClientRect().top >= box.top - 1)!.getAttribute('data-conversation-id');
    });
    const all = await page.locator('[data-conversation-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')!));
    const selected = all[all.indexOf(firstVisible!) + 2];
    await page.locator(`[data-conversation-id="${selected}"]`).click();
    const topBefore = await page.locator(`[data-conversation-id="${firstVisible}"]`).evaluate((el) => el.getBoundingClientRect().top);

    // A conversation far below gets a new message and moves to the top.
    const mover = all.at(-1)!;
    const contactId = (await server.pool.query('SELECT contact_id FROM conversations WHERE id = $1', [mover])).rows[0].contact_id;
    await inbound(contactId, 'Moving up!');
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(72 * 12);
    const topAfter = await page.locator(`[data-conversation-id="${firstVisible}"]`).evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(topAfter - topBefore)).toBeLessThan(2);
    await expect(page.locator(`[data-conversation-id="${selected}"]`).getAttribute('aria-selected')).resolves.toBe('true');
    // Back at the top, the moved conversation is first.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => page.locator('[data-conversation-id]').first().getAttribute('data-conversation-id')).toBe(mover);
    await ctx.close();
  });

  it('a message arriving while reading older history shows a pill instead of jumping', async () => {
    const r = await server.pool.query(
      `SELECT c.id, c.contact_id FROM conversations c WHERE c.location_id = $1
        ORDER BY (SELECT count(*) FROM messages m WHERE m.location_id = c.location_id AND m.conversation_id = c.id) DESC LIMIT 1`,
      [glowId],
    );
    const { id, contact_id } = r.rows[0];
    const ctx = await newContext(browser, { width: 1440, height: 600 });
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`${server.url}/c/${id}`);
    const log = page.locator('.thread-scroll');
    await page.locator('.thread .item').first().waitFor();
    await log.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(200);
    const before = await log.evaluate((el) => el.scrollTop);
    await inbound(contact_id, 'Are you still there?');
    await page.getByRole('button', { name: /1 new message/ }).waitFor();
    expect(Math.abs((await log.evaluate((el) => el.scrollTop)) - before)).toBeLessThan(5);
    await page.getByRole('button', { name: /1 new message/ }).click();
    await page.getByRole('log', { name: 'Conversation' }).getByText('Are you still there?').waitFor();
    await ctx.close();
  });
});

describe('attachments', () => {
  it('uploads a file chosen with the button and sends it with the reply; a refused type is explained', async () => {
    const r = await server.pool.query(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE c.location_id = $1 AND c.last_inbound_type = 'TYPE_LIVE_CHAT' AND NOT ct.dnd LIMIT 1`,
      [glowId],
    );
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`${server.url}/c/${r.rows[0].id}`);
    await page.locator('.thread .item').first().waitFor();
    const input = page.locator('.composer input[type="file"]');
    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ' + '\0'.repeat(200)) });
    await page.locator('.file-chip.error').getByText(/not a supported file type/).waitFor();
    await page.getByRole('button', { name: 'Remove setup.exe' }).click();
    await input.setInputFiles({ name: 'aftercare.txt', mimeType: 'text/plain', buffer: Buffer.from('No make-up for 12 hours.') });
    await page.getByRole('button', { name: 'Remove aftercare.txt' }).waitFor();
    await expect.poll(() => page.locator('.file-chip .file-state').first().textContent()).toBe('');
    await page.getByRole('textbox', { name: 'Reply' }).fill('Here are your aftercare notes');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('log', { name: 'Conversation' }).getByRole('link', { name: /aftercare\.txt/ }).waitFor();
    await ctx.close();
  });
});
