/**
 * Quick and bulk actions in the Message Panel, in real Chromium on the demo data: select a range
 * with Shift-click, select all 50 conversations of a clinic on the page and close them at once,
 * and delete one from the row's right-click menu after a confirmation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const rows = (page: Page) => page.locator('[data-conversation-id]');
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Bulk actions' });

async function openAll(page: Page) {
  await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole('tab', { name: 'All' }).click();
  await rows(page).first().waitFor();
}

/** Clicks a row's selection checkbox (shown on hover). */
async function check(page: Page, index: number, modifiers: ('Shift' | 'Control')[] = []) {
  const row = rows(page).nth(index);
  await row.hover();
  await row.getByRole('checkbox').click({ modifiers });
}

describe('bulk actions', () => {
  it('selects a range with Shift-click and stars it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await openAll(page);
    await check(page, 0);
    await bar(page).getByText('1 selected').waitFor();
    await check(page, 4, ['Shift']);
    await bar(page).getByText('5 selected').waitFor();
    const ids = await rows(page).evaluateAll((els) => els.slice(0, 5).map((e) => e.getAttribute('data-conversation-id')));
    await bar(page).getByRole('button', { name: 'Star', exact: true }).click();
    await page.getByRole('status').getByText('Starred 5 conversations.').waitFor();
    const r = await server.pool.query('SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1) AND starred', [ids]);
    expect(r.rows[0].n).toBe(5);
    await expect(bar(page).count()).resolves.toBe(0); // the selection is cleared afterwards
    await ctx.close();
  });

  it('selects all 50 conversations on the page and closes them at once', async () => {
    const total = (await server.pool.query('SELECT count(*)::int AS n FROM conversations WHERE location_id = $1', [glowId])).rows[0].n;
    expect(total).toBe(50);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await openAll(page);
    await check(page, 0);
    await bar(page).getByRole('checkbox', { name: 'Select all on page' }).check();
    await bar(page).getByText('50 selected').waitFor();
    // Every row on screen shows its checkbox ticked.
    await expect(rows(page).first().getByRole('checkbox').isChecked()).resolves.toBe(true);
    await bar(page).getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('status').getByText('Closed 50 conversations.').waitFor();
    const open = await server.pool.query(`SELECT count(*)::int AS n FROM conversations WHERE location_id = $1 AND state = 'open'`, [glowId]);
    expect(open.rows[0].n).toBe(0);
    // The list shows it: every row is marked closed, and Recents is empty.
    await expect.poll(() => page.locator('[data-conversation-id]:not(.closed)').count()).toBe(0);
    await page.getByRole('tab', { name: 'Recents' }).click();
    await page.getByRole('heading', { name: 'No conversations' }).waitFor();
    // Back as they were, for the next test.
    await page.getByRole('tab', { name: 'All' }).click();
    await check(page, 0);
    await bar(page).getByRole('checkbox', { name: 'Select all on page' }).check();
    await bar(page).getByRole('button', { name: 'Reopen', exact: true }).click();
    await page.getByRole('status').getByText('Reopened 50 conversations.').waitFor();
    await ctx.close();
  });
});

describe('quick actions on a row', () => {
  it('deletes a conversation from the right-click menu after a confirmation that says it is permanent', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await openAll(page);
    const row = rows(page).nth(2);
    const id = (await row.getAttribute('data-conversation-id'))!;
    const contactId = (await server.pool.query('SELECT contact_id FROM conversations WHERE id = $1', [id])).rows[0].contact_id;
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toMatch(/permanent/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect((await server.pool.query('SELECT 1 FROM conversations WHERE id = $1', [id])).rowCount).toBe(1);

    await row.click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete permanently' }).click();
    await page.locator(`[data-conversation-id="${id}"]`).waitFor({ state: 'detached' });
    expect((await server.pool.query('SELECT 1 FROM conversations WHERE id = $1', [id])).rowCount).toBe(0);
    expect((await server.pool.query('SELECT 1 FROM contacts WHERE id = $1', [contactId])).rowCount).toBe(1);
    await ctx.close();
  });

  it('marks read and unread, and closes, from the hover buttons', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await openAll(page);
    const row = rows(page).nth(1);
    const id = (await row.getAttribute('data-conversation-id'))!;
    await server.pool.query('UPDATE conversations SET unread_count = 2 WHERE id = $1', [id]);
    await page.reload();
    await page.getByRole('tab', { name: 'All' }).click();
    const target = page.locator(`[data-conversation-id="${id}"]`);
    await target.hover();
    await target.getByRole('button', { name: /^Mark as read/ }).click();
    await expect.poll(async () => (await server.pool.query('SELECT unread_count FROM conversations WHERE id = $1', [id])).rows[0].unread_count).toBe(0);
    await target.hover();
    await target.getByRole('button', { name: /^Close/ }).click();
    await expect.poll(() => target.getAttribute('class')).toContain('closed');
    await target.hover();
    await target.getByRole('button', { name: /^Reopen/ }).click();
    await expect.poll(() => target.getAttribute('class')).not.toContain('closed');
    await ctx.close();
  });
});

describe('quick actions in the open thread', () => {
  it('opens the comment tab, the snippet picker, the booking form, a new opportunity, a new invoice, the DND settings; offers a call', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await openAll(page);
    await rows(page).first().click();
    await page.locator('.conv-header h2').waitFor();
    const action = async (name: string) => {
      await page.getByRole('button', { name: 'Quick actions' }).click();
      await page.getByRole('menu', { name: 'Quick actions' }).getByRole('menuitem', { name }).click();
    };
    await action('Internal comment');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Internal comment');
    // Insert snippet from the comment tab: back to the reply, with the picker open.
    await action('Insert snippet');
    await page.getByRole('dialog', { name: 'Snippets' }).getByLabel('Search snippets').waitFor();
    await expect(page.getByRole('tab', { name: 'Reply' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Quick actions' }).click();
    const call = page.getByRole('menu', { name: 'Quick actions' }).getByRole('menuitem', { name: /^Call/ });
    await expect(call.isDisabled()).resolves.toBe(!(await page.getByRole('button', { name: /^Call / }).isEnabled()));
    await page.keyboard.press('Escape');
    await action('Book appointment');
    await page.getByRole('form', { name: 'Book appointment' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Appointments' }).getAttribute('aria-selected')).resolves.toBe('true');
    await action('Create opportunity');
    await page.getByRole('region', { name: 'New opportunity' }).waitFor();
    await action('Send invoice');
    await page.getByRole('form', { name: 'New invoice' }).waitFor();
    await action('Do Not Disturb settings');
    await page.getByRole('switch', { name: 'SMS Do Not Disturb' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Contact' }).getAttribute('aria-selected')).resolves.toBe('true');
    await ctx.close();
  });
});
