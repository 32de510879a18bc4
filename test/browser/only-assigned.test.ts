/**
 * An "only assigned" team member's Message Panel: no assignee filter (other members and
 * "Unassigned" could only empty the list), and a saved view naming someone else is dropped.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let glowId: string;
let adminId: string;
let staffId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
  const users = await server.pool.query(`SELECT id, email FROM users WHERE email = ANY($1)`, [[DEMO.admin.email, DEMO.staff.email]]);
  adminId = users.rows.find((u) => u.email === DEMO.admin.email).id;
  staffId = users.rows.find((u) => u.email === DEMO.staff.email).id;
  const admin = await ApiClient.signedIn(server.url, DEMO.admin);
  expect((await admin.patch(`/api/v1/users/${staffId}`, { onlyAssigned: true })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const viewKey = () => `inbox.view.${staffId}.${glowId}`;
const shownIds = (page: Page) => page.locator('[data-conversation-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')!));

async function waitForRows(page: Page, want: string[]) {
  let got: string[] = [];
  for (let i = 0; i < 80; i++) {
    got = await shownIds(page);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  expect(got).toEqual(want);
}

describe('"only assigned" and the Message Panel filters', () => {
  it('offers no assignee filter and drops a saved one that names someone else', async () => {
    const staffApi = await ApiClient.signedIn(server.url, DEMO.staff);
    const mine = (await staffApi.get('/api/v1/conversations?status=all&limit=100')).body.items.map((c: { id: string }) => c.id) as string[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(10); // all of them rendered (the list is virtualized)

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.staff.email, DEMO.staff.password);
    for (const assignedTo of [adminId, 'unassigned']) {
      // A view saved before the permission came (or edited by hand): the All tab, filtered to someone else.
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [viewKey(), JSON.stringify({ tab: 'all', filters: { assignedTo, sort: 'desc' } })]);
      await page.reload();
      await page.getByRole('listbox', { name: 'All conversations' }).waitFor();
      await waitForRows(page, mine);
      await expect(page.getByRole('list', { name: 'Active filters' }).count()).resolves.toBe(0);
      expect((await page.getByRole('button', { name: /^Filters/ }).textContent())?.trim()).toBe('Filters');
      const saved = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), viewKey())) ?? '{}');
      expect(saved).toEqual({ tab: 'all', filters: { sort: 'desc' } });
    }

    // The panel says whose conversations these are instead of offering others.
    await page.getByRole('button', { name: /^Filters/ }).click();
    const panel = page.getByRole('group', { name: 'Filters' });
    await panel.getByText('you see only your own conversations').waitFor();
    await expect(panel.getByLabel('Assigned to', { exact: true }).count()).resolves.toBe(0);
    await expect(panel.getByRole('option', { name: 'Unassigned' }).count()).resolves.toBe(0);
    // The other filters still work.
    await panel.getByLabel('Status', { exact: true }).selectOption('closed');
    const closed = (await staffApi.get('/api/v1/conversations?status=all&state=closed&limit=100')).body.items.map((c: { id: string }) => c.id);
    await waitForRows(page, closed);
    await ctx.close();
  });
});
