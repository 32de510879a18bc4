/**
 * The inbox as a front desk uses it, in real Chromium against the real server (demo data).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
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

/** A conversation of Glow whose last inbound message is web chat (replies go out at once). */
async function liveChatConversation(): Promise<{ id: string; name: string }> {
  const r = await server.pool.query(
    `SELECT c.id, ct.first_name || ' ' || ct.last_name AS name FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
      WHERE c.location_id = $1 AND c.last_inbound_type = 'TYPE_LIVE_CHAT' AND NOT ct.dnd ORDER BY c.last_message_at DESC LIMIT 1`,
    [glowId],
  );
  return r.rows[0];
}

const row = (page: Page, id: string) => page.locator(`[data-conversation-id="${id}"]`);

describe('sign in', () => {
  it('shows an error for a wrong password, then signs in and lists the demo conversations', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(DEMO.admin.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/do not match/);

    await page.getByLabel('Password').fill(DEMO.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'All' }).click();
    const rows = page.locator('[data-conversation-id]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(8);
    // Virtualized: far fewer rows in the DOM than conversations in the location.
    const total = (await server.pool.query('SELECT count(*)::int AS n FROM conversations WHERE location_id = $1', [glowId])).rows[0].n;
    expect(await rows.count()).toBeLessThan(total);
    await expect(page.locator('.conn-live').isVisible()).resolves.toBe(true);
    await ctx.close();
  });
});

describe('working a conversation', () => {
  it('opens a conversation and sees its thread, then a reply appears in it', async () => {
    const conv = await liveChatConversation();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('tab', { name: 'All' }).click();
    await row(page, conv.id).click();
    await page.locator('.conv-header').getByRole('heading', { name: conv.name }).waitFor();
    await page.getByRole('log', { name: 'Conversation' }).locator('.item').first().waitFor();

    const text = `Your appointment is confirmed ${Date.now()}`;
    await page.getByRole('textbox', { name: 'Reply' }).fill(text);
    await expect(page.getByLabel('Reply channel').inputValue()).resolves.toBe('Live_Chat');
    await page.keyboard.press('Enter');
    await page.getByRole('log', { name: 'Conversation' }).getByText(text).waitFor();
    await row(page, conv.id).getByText(text).waitFor(); // the list preview follows
    await expect(page.getByRole('textbox', { name: 'Reply' }).inputValue()).resolves.toBe('');
    await ctx.close();
  });

  it('shows a message created through the API by another user live, in the list and the open thread', async () => {
    const conv = await liveChatConversation();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('tab', { name: 'All' }).click();
    await row(page, conv.id).click();
    await page.getByRole('log', { name: 'Conversation' }).locator('.item').first().waitFor();

    const staff = await ApiClient.signedIn(server.url, DEMO.staff);
    const note = `Staff note ${Date.now()}`;
    const reply = `Staff reply ${Date.now()}`;
    expect((await staff.post(`/api/v1/conversations/${conv.id}/comments`, { body: note })).status).toBe(201);
    expect((await staff.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'Live_Chat', body: reply })).status).toBe(201);
    await page.getByRole('log', { name: 'Conversation' }).getByText(note).waitFor();
    await page.getByRole('log', { name: 'Conversation' }).getByText(reply).waitFor();
    await row(page, conv.id).getByText(reply).waitFor();
    // The sender is named on the bubble.
    await page.getByRole('log', { name: 'Conversation' }).getByText('Jordan Lee').first().waitFor();
    await ctx.close();
  });

  it('reflects star, mark unread and close in the list, for a second user too', async () => {
    const conv = await liveChatConversation();
    await server.pool.query('UPDATE conversations SET unread_count = 0, state = $2 WHERE id = $1', [conv.id, 'open']);
    const [a, b] = await Promise.all([newContext(browser), newContext(browser)]);
    const pa = await a.newPage();
    const pb = await b.newPage();
    await Promise.all([signIn(pa, server.url, DEMO.admin.email, DEMO.admin.password), signIn(pb, server.url, DEMO.staff.email, DEMO.staff.password)]);
    for (const p of [pa, pb]) await p.getByRole('tab', { name: 'All' }).click();
    await row(pa, conv.id).click();
    await pa.locator('.conv-header').getByRole('heading', { name: conv.name }).waitFor();

    const header = pa.locator('.conv-header');
    const wasStarred = (await header.getByRole('button', { name: /star conversation/i }).getAttribute('aria-pressed')) === 'true';
    await header.getByRole('button', { name: wasStarred ? 'Unstar conversation' : 'Star conversation' }).click();
    const starred = !wasStarred;
    for (const p of [pa, pb]) {
      await row(p, conv.id).locator(`.star-toggle[aria-pressed="${starred}"]`).waitFor();
    }

    await header.getByRole('button', { name: 'Mark as unread' }).click();
    for (const p of [pa, pb]) await row(p, conv.id).locator('.badge').waitFor();
    await pb.getByRole('tab', { name: 'Unread' }).click();
    await row(pb, conv.id).waitFor();

    await header.getByRole('button', { name: 'Close conversation' }).click();
    await header.getByRole('button', { name: 'Reopen conversation' }).waitFor();
    await pb.getByRole('tab', { name: 'All' }).click();
    await row(pb, conv.id).locator('.conv-name').waitFor();
    await expect(row(pb, conv.id).getAttribute('class')).resolves.toContain('closed');
    await pb.getByRole('tab', { name: 'Recents' }).click();
    await row(pb, conv.id).waitFor({ state: 'detached' });
    await header.getByRole('button', { name: 'Reopen conversation' }).click();
    await row(pb, conv.id).waitFor();
    await Promise.all([a.close(), b.close()]);
  });
});

describe('contact details', () => {
  it('keeps a DND toggle after a reload', async () => {
    const conv = await liveChatConversation();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`${server.url}/c/${conv.id}`);
    const sms = page.getByRole('switch', { name: 'SMS Do Not Disturb' });
    const before = (await sms.getAttribute('aria-checked')) === 'true';
    await sms.click();
    await expect.poll(() => sms.getAttribute('aria-checked')).toBe(String(!before));
    // Stored on the server…
    await expect
      .poll(async () => (await server.pool.query(`SELECT dnd_settings->'SMS'->>'status' AS s FROM contacts c JOIN conversations v ON v.contact_id = c.id WHERE v.id = $1`, [conv.id])).rows[0].s)
      .toBe(before ? 'inactive' : 'active');
    // …and shown after a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'SMS Do Not Disturb' }).getAttribute('aria-checked')).toBe(String(!before));
    await ctx.close();
  });
});

describe('phone width', () => {
  it('shows one column at a time with a way back', async () => {
    const conv = await liveChatConversation();
    const ctx = await newContext(browser, { width: 390, height: 844 });
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('tab', { name: 'All' }).click();
    const list = page.getByRole('listbox', { name: /conversations/i });
    await expect(list.isVisible()).resolves.toBe(true);
    await row(page, conv.id).click();
    await page.locator('.conv-header').getByRole('heading', { name: conv.name }).waitFor();
    await expect(list.isVisible()).resolves.toBe(false);
    await expect(page.getByRole('textbox', { name: 'Reply' }).isVisible()).resolves.toBe(true);
    const box = await page.getByRole('log', { name: 'Conversation' }).boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Back to conversations' }).click();
    await expect(list.isVisible()).resolves.toBe(true);
    // The notification centre fits the screen (the bell is not at its edge).
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const centre = (await page.getByRole('dialog', { name: 'Notifications' }).boundingBox())!;
    expect(centre.x).toBeGreaterThanOrEqual(0);
    expect(centre.x + centre.width).toBeLessThanOrEqual(390);
    await ctx.close();
  });
});
