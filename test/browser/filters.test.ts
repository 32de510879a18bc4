/**
 * Issue 6 in the browser: the Message Panel's filters combined, kept live, sorted, reset; tab
 * counts; and "mark read on open" as a preference.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { deliver } from '../helpers/data';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { instants } from '../../src/web/lib/filters';
import { rangeDays } from '../../src/web/lib/view-state';

let server: TestServer;
let browser: Browser;
let glowId: string;
let api: ApiClient;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
  api = await ApiClient.signedIn(server.url, DEMO.admin);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const panel = (page: Page) => page.getByRole('group', { name: 'Filters' });
const shownIds = (page: Page) => page.locator('[data-conversation-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')!));
const apiIds = async (query: string) => (await api.get(`/api/v1/conversations?limit=100&${query}`)).body.items.map((c: { id: string }) => c.id) as string[];

async function waitForRows(page: Page, want: string[], what: string) {
  const deadline = Date.now() + 8000;
  let got: string[] = [];
  while (Date.now() < deadline) {
    got = await shownIds(page);
    // Virtualized: the rows in the DOM are the first ones of the list.
    const n = Math.min(want.length, Math.max(got.length, 10));
    if (got.length === n && JSON.stringify(got) === JSON.stringify(want.slice(0, n))) return;
    await page.waitForTimeout(100);
  }
  expect(got, what).toEqual(want.slice(0, Math.max(got.length, Math.min(want.length, 10))));
}

describe('filters', () => {
  it('combines filters, keeps the filtered list live, sorts, counts, and resets', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('tab', { name: 'All' }).click();
    await page.locator('[data-conversation-id]').first().waitFor();
    const everything = await shownIds(page);

    await page.getByRole('button', { name: /^Filters/ }).click();
    await panel(page).getByLabel('Assigned to', { exact: true }).selectOption('unassigned');
    // The tabs count what the assignee filter selects (the location's counters, never a COUNT)…
    const counts = (await api.get('/api/v1/conversations/counts')).body;
    await page.getByRole('tab', { name: `All, ${counts.assignees.unassigned.all}`, exact: true }).waitFor();
    await panel(page).getByLabel('Last message', { exact: true }).selectOption('inbound');
    await panel(page).getByLabel('Channel', { exact: true }).selectOption('TYPE_SMS');
    const query = 'status=all&assignedTo=unassigned&direction=inbound&channel=TYPE_SMS';
    const want = await apiIds(query);
    expect(want.length).toBeGreaterThan(1);
    expect(want.length).toBeLessThan(everything.length);
    await waitForRows(page, want, 'the filtered rows');
    await expect(page.getByRole('button', { name: /^Filters/ }).textContent()).resolves.toContain('3');

    // …and are not shown while other filters narrow the list (they would not describe it).
    await page.getByRole('tab', { name: 'All', exact: true }).waitFor();

    // Live: an unassigned conversation whose last message was outbound gets an inbound SMS and joins;
    // a listed one gets an inbound e-mail and leaves (its last message is no longer SMS).
    const joiner = (
      await server.pool.query(
        `SELECT contact_id, id FROM conversations WHERE location_id = $1 AND assigned_to IS NULL AND last_message_direction = 'outbound' LIMIT 1`,
        [glowId],
      )
    ).rows[0];
    const leaver = want[want.length - 1];
    const leaverContact = (await server.pool.query('SELECT contact_id FROM conversations WHERE id = $1', [leaver])).rows[0].contact_id;
    const unreadBefore = (await api.get('/api/v1/conversations/counts')).body.assignees.unassigned.unread;
    await deliver(server.pool, { locationId: glowId, contactId: joiner.contact_id, body: 'Is Friday still on?' });
    await deliver(server.pool, { locationId: glowId, contactId: leaverContact, messageType: 'TYPE_EMAIL', body: 'Sent you the form' });
    const live = [joiner.id, ...want.filter((id) => id !== leaver)];
    expect(live).toEqual(await apiIds(query));
    await waitForRows(page, live, 'the live-updated rows');
    // Unread counts follow for everyone (the joiner was read: it is unread now).
    const unreadAfter = (await api.get('/api/v1/conversations/counts')).body.assignees.unassigned.unread;
    expect(unreadAfter).toBeGreaterThan(unreadBefore);

    // Oldest first, then the chips remove one filter each, and Reset filters brings everything back.
    await page.getByLabel('Sort', { exact: true }).selectOption('asc');
    await waitForRows(page, [...live].reverse(), 'oldest first');
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('button', { name: 'Remove filter SMS' }).click();
    await waitForRows(page, await apiIds('status=all&assignedTo=unassigned&direction=inbound&sort=asc'), 'without the channel filter');
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await expect(page.getByRole('list', { name: 'Active filters' }).count()).resolves.toBe(0);
    const total = (await api.get('/api/v1/conversations/counts')).body;
    await page.getByRole('tab', { name: `Unread, ${total.unread}`, exact: true }).waitFor();
    await page.getByLabel('Sort', { exact: true }).selectOption('desc');
    await waitForRows(page, (await apiIds('status=all')).slice(0, everything.length), 'everything again');
    await ctx.close();
  });

  it('lists the conversations where I was mentioned, with the date range', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const staff = (await server.pool.query(`SELECT id FROM users WHERE email = $1`, [DEMO.staff.email])).rows[0].id;
    const target = (await apiIds('status=all'))[3];
    expect((await api.post(`/api/v1/conversations/${target}/comments`, { body: `@[Staff](${staff}) can you take this one?` })).status).toBe(201);
    await signIn(page, server.url, DEMO.staff.email, DEMO.staff.password);
    await page.getByRole('tab', { name: 'All' }).click();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await panel(page).getByLabel('Mentions of me', { exact: true }).check();
    await panel(page).getByLabel('Last message date', { exact: true }).selectOption('30d');
    const staffApi = await ApiClient.signedIn(server.url, DEMO.staff);
    const mine = (await staffApi.get('/api/v1/conversations?status=all&mentions=me')).body.items.map((c: { id: string }) => c.id);
    expect(mine).toContain(target);
    await waitForRows(page, mine, 'my mentions');
    // A new mention of me arrives live: its conversation joins the list without a reload.
    const next = (await apiIds('status=all')).find((id) => !mine.includes(id))!;
    expect((await api.post(`/api/v1/conversations/${next}/comments`, { body: `@[Staff](${staff}) and this one, please` })).status).toBe(201);
    const live = (await staffApi.get('/api/v1/conversations?status=all&mentions=me')).body.items.map((c: { id: string }) => c.id);
    expect(live).toContain(next);
    await waitForRows(page, live, 'my mentions, live');
    await panel(page).getByLabel('Last message date', { exact: true }).selectOption('custom');
    await panel(page).getByLabel('From', { exact: true }).fill('2001-01-01');
    await panel(page).getByLabel('To', { exact: true }).fill('2001-01-31');
    await page.getByRole('heading', { name: 'No matches' }).waitFor();
    await page.getByRole('button', { name: 'Reset filters' }).first().click();
    await page.locator('[data-conversation-id]').first().waitFor();
    await ctx.close();
  });
});

describe('the view is kept', () => {
  it('restores the tab, filters and sort after a reload, for this user only', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('tab', { name: /^All/ }).click();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await panel(page).getByLabel('Last message', { exact: true }).selectOption('inbound');
    await panel(page).getByLabel('Status', { exact: true }).selectOption('open');
    await panel(page).getByLabel('Last message date', { exact: true }).selectOption('30d');
    await page.getByLabel('Sort', { exact: true }).selectOption('asc');
    const { dateFrom, dateTo } = instants({ sort: 'asc', ...rangeDays('30d', 'America/New_York') }, 'America/New_York');
    const want = await apiIds(`status=all&direction=inbound&state=open&sort=asc&dateFrom=${encodeURIComponent(dateFrom!)}&dateTo=${encodeURIComponent(dateTo!)}`);
    expect(want.length).toBeGreaterThan(1);
    await waitForRows(page, want, 'the filtered rows');

    await page.reload();
    await page.getByRole('listbox', { name: 'All conversations' }).waitFor();
    await expect(page.getByRole('tab', { name: /^All/ }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByLabel('Sort', { exact: true }).inputValue()).resolves.toBe('asc');
    await expect(page.getByRole('button', { name: /^Filters/ }).textContent()).resolves.toContain('3');
    const chips = page.getByRole('list', { name: 'Active filters' });
    for (const chip of ['Inbound', 'Open', 'Last 30 days']) await chips.getByRole('button', { name: `Remove filter ${chip}` }).waitFor();
    // The rows are the same query's (the 30 days counted from today again).
    await waitForRows(page, want, 'the restored rows');

    // Another team member signing in on the same browser gets their own (default) view.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, server.url, DEMO.staff.email, DEMO.staff.password);
    await expect(page.getByRole('tab', { name: /^Recents/ }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByRole('list', { name: 'Active filters' }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Sort', { exact: true }).inputValue()).resolves.toBe('desc');
    await ctx.close();
  });
});

describe('read state', () => {
  it('marks a conversation read on open only when the user turned that on', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    const unread = async () =>
      (
        await server.pool.query(`SELECT id FROM conversations WHERE location_id = $1 AND unread_count > 0 ORDER BY last_message_at DESC LIMIT 2`, [glowId])
      ).rows.map((r) => r.id as string);
    const [first] = await unread();
    await page.getByRole('tab', { name: 'All' }).click();
    await page.locator(`[data-conversation-id="${first}"]`).click();
    await page.locator('.thread .item').first().waitFor();
    await page.waitForTimeout(500);
    expect((await api.get(`/api/v1/conversations/${first}`)).body.unreadCount).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Account and preferences' }).click();
    const toggle = page.getByRole('switch', { name: 'Mark conversations read when I open them' });
    await toggle.click();
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    for (let i = 0; i < 50 && !(await api.get('/api/v1/me/preferences')).body.markReadOnOpen; i++) await page.waitForTimeout(100);
    expect((await api.get('/api/v1/me/preferences')).body.markReadOnOpen).toBe(true);

    const [next] = (await unread()).filter((id) => id !== first);
    await page.locator(`[data-conversation-id="${next}"]`).click();
    for (let i = 0; i < 50 && (await api.get(`/api/v1/conversations/${next}`)).body.unreadCount > 0; i++) await page.waitForTimeout(100);
    expect((await api.get(`/api/v1/conversations/${next}`)).body.unreadCount).toBe(0);
    await api.patch('/api/v1/me/preferences', { markReadOnOpen: false });
    await ctx.close();
  });
});
