/**
 * The composer's tools in real Chromium: Send later (scheduled in the thread, edited, sent at its
 * time; another one cancelled), snippets with merge fields and their preview, drafts kept on the
 * server across a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

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

/** Web chat conversations of Glow (replies go out at once), each test its own. */
let taken = 0;
async function liveChatConversation(): Promise<{ id: string; firstName: string }> {
  const r = await server.pool.query(
    `SELECT c.id, ct.first_name FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
      WHERE c.location_id = $1 AND c.last_inbound_type = 'TYPE_LIVE_CHAT' AND NOT ct.dnd AND ct.first_name IS NOT NULL
      ORDER BY c.last_message_at DESC OFFSET $2 LIMIT 1`,
    [glowId, taken++],
  );
  return { id: r.rows[0].id, firstName: r.rows[0].first_name };
}

async function open(conversationId: string): Promise<Page> {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
  await page.goto(`${server.url}/c/${conversationId}`);
  await page.getByRole('log', { name: 'Conversation' }).locator('.item').first().waitFor();
  return page;
}

const thread = (page: Page) => page.getByRole('log', { name: 'Conversation' });
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('send later', () => {
  it('schedules from the composer, shows it in the thread as scheduled, edits it, and it is sent at its time', async () => {
    const conv = await liveChatConversation();
    const page = await open(conv.id);
    const text = `Hi {{contact.first_name}}, your aftercare notes ${Date.now()}`;
    await page.getByRole('textbox', { name: 'Reply' }).fill(text);
    // The preview fills the fields in while typing.
    await page.getByLabel('Preview').getByText(`Hi ${conv.firstName}, your aftercare notes`).waitFor();

    await page.getByRole('button', { name: 'Send later' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send later' });
    await expect(dialog.getByLabel('Time zone').inputValue()).resolves.toBe('America/New_York');
    await dialog.getByLabel('Date').fill(tomorrow());
    await dialog.getByLabel('Time', { exact: true }).fill('09:30');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByRole('textbox', { name: 'Reply' }).inputValue()).resolves.toBe('');

    const bubble = thread(page).locator('.bubble.scheduled').filter({ hasText: 'your aftercare notes' });
    await bubble.waitFor();
    await expect(bubble.locator('.status-scheduled').textContent()).resolves.toMatch(/Scheduled for .*9:30 AM/);
    await expect(bubble.locator('.bubble-body').textContent()).resolves.toBe(text); // the fields as written until sent
    const { id } = (await server.pool.query(`SELECT id FROM messages WHERE conversation_id = $1 AND status = 'scheduled' ORDER BY created_at DESC LIMIT 1`, [conv.id])).rows[0];

    // Edit the text in the thread.
    await bubble.getByRole('button', { name: 'Edit' }).click();
    const edited = `${text} (updated)`;
    await bubble.getByLabel('Scheduled message text').fill(edited);
    await bubble.getByRole('button', { name: 'Save' }).click();
    await thread(page).locator('.bubble.scheduled .bubble-body').filter({ hasText: '(updated)' }).waitFor();

    // Another device moves it to a couple of seconds from now: it goes out then, live in the thread.
    const moved = await api.patch(`/api/v1/messages/${id}`, { scheduledAt: new Date(Date.now() + 2000).toISOString() });
    expect(moved.status).toBe(200);
    const sent = thread(page).locator('.bubble').filter({ hasText: `Hi ${conv.firstName}, your aftercare notes` });
    await sent.getByText('Sent').waitFor({ timeout: 10_000 });
    await expect(sent.locator('.bubble-body').textContent()).resolves.toMatch(/\(updated\)$/);
    await expect(thread(page).locator('.bubble.scheduled').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('cancels a scheduled message from the thread: it stays there, marked cancelled', async () => {
    const conv = await liveChatConversation();
    const page = await open(conv.id);
    await page.getByRole('textbox', { name: 'Reply' }).fill('A reminder we will not send');
    await page.getByRole('button', { name: 'Send later' }).click();
    await page.getByRole('dialog', { name: 'Send later' }).getByRole('button', { name: 'Schedule' }).click();
    const bubble = thread(page).locator('.bubble').filter({ hasText: 'A reminder we will not send' });
    await bubble.locator('.status-scheduled').waitFor();
    await bubble.getByRole('button', { name: 'Cancel' }).click();
    await bubble.getByRole('button', { name: 'Yes, cancel it' }).click();
    await bubble.getByText('Cancelled — not sent').waitFor();
    const row = (await server.pool.query(`SELECT status FROM messages WHERE conversation_id = $1 AND body = 'A reminder we will not send'`, [conv.id])).rows[0];
    expect(row.status).toBe('canceled');
    await page.context().close();
  });
});

describe('snippets and drafts in the composer', () => {
  it('inserts a snippet found by search, and refuses to send a field that cannot be filled', async () => {
    const name = `Aftercare ${Date.now()}`;
    expect((await api.post('/api/v1/snippets', { name, body: 'Dear {{contact.first_name}}, keep the area cool tonight.', folder: 'Aftercare' })).status).toBe(201);
    const conv = await liveChatConversation();
    const page = await open(conv.id);
    await page.getByRole('button', { name: 'Insert snippet' }).click();
    const picker = page.getByRole('dialog', { name: 'Snippets' });
    await picker.getByLabel('Search snippets').fill('area cool');
    await picker.getByRole('option', { name: new RegExp(name) }).waitFor();
    await page.keyboard.press('Enter');
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await expect(reply.inputValue()).resolves.toBe('Dear {{contact.first_name}}, keep the area cool tonight.');
    await page.getByLabel('Preview').getByText(`Dear ${conv.firstName}, keep the area cool tonight.`).waitFor();

    await reply.fill('Hi {{contact.nickname}}');
    await page.getByRole('alert').getByText('{{contact.nickname}} is not a merge field.').waitFor();
    await expect(page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).resolves.toBe(true);
    await page.context().close();
  });

  it('a team member picks the shared snippets and keeps personal ones of their own', async () => {
    const shared = `Opening hours ${Date.now()}`;
    expect((await api.post('/api/v1/snippets', { name: shared, body: 'We are open 9 to 6, {{contact.first_name}}.', folder: 'Info' })).status).toBe(201);
    const conv = await liveChatConversation();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.staff.email, DEMO.staff.password);
    await page.goto(`${server.url}/c/${conv.id}`);
    await page.getByRole('button', { name: 'Insert snippet' }).click();
    const picker = page.getByRole('dialog', { name: 'Snippets' });
    await picker.getByRole('option', { name: new RegExp(shared) }).waitFor();
    await picker.getByRole('link', { name: 'Manage snippets' }).click();

    // Settings → Snippets: the shared one to read (no Edit), and a new personal one.
    await page.getByRole('heading', { name: 'Snippets' }).waitFor();
    const list = page.getByRole('list', { name: 'Snippets' });
    await list.getByText(shared).waitFor();
    await expect(page.getByRole('button', { name: `Edit ${shared}` }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'New personal snippet' }).click();
    const form = page.getByRole('form', { name: 'New snippet' });
    await expect(form.getByLabel('Used by').inputValue()).resolves.toBe('me');
    await expect(form.getByLabel('Used by').isDisabled()).resolves.toBe(true);
    await form.getByLabel('Name').fill('My sign-off');
    await form.getByLabel('Folder').fill('Mine');
    await form.getByLabel('Text').fill('Talk soon, {{user.name}}');
    await form.getByRole('button', { name: 'Add snippet' }).click();
    await list.getByText('My sign-off').waitFor();
    await page.getByRole('button', { name: 'Edit My sign-off' }).waitFor();

    // Back in the conversation: it is in the picker, marked personal; the admin does not see it.
    await page.goto(`${server.url}/c/${conv.id}`);
    await page.getByRole('button', { name: 'Insert snippet' }).click();
    await picker.getByLabel('Search snippets').fill('talk soon');
    const option = picker.getByRole('option', { name: /My sign-off/ });
    await option.getByText('Personal').waitFor();
    await option.click();
    await expect(page.getByRole('textbox', { name: 'Reply' }).inputValue()).resolves.toBe('Talk soon, {{user.name}}');
    expect((await api.get('/api/v1/snippets?q=talk%20soon')).body.items).toEqual([]);
    await ctx.close();
  });

  it('keeps the draft on the server and restores it after a reload', async () => {
    const conv = await liveChatConversation();
    const page = await open(conv.id);
    await page.getByRole('textbox', { name: 'Reply' }).fill('Half-written answer about peels');
    await expect
      .poll(async () => (await api.get(`/api/v1/conversations/${conv.id}/draft`)).body.body, { timeout: 5000 })
      .toBe('Half-written answer about peels');
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Reply' }).inputValue(), { timeout: 5000 }).toBe('Half-written answer about peels');
    await page.keyboard.press('Escape');
    // The composer checks the text (merge fields) before it lets it go: wait until Send is enabled.
    await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('textbox', { name: 'Reply' }).focus();
    await page.keyboard.press('Enter');
    await thread(page).getByText('Half-written answer about peels').waitFor();
    await expect.poll(async () => (await api.get(`/api/v1/conversations/${conv.id}/draft`)).body.updatedAt).toBeNull();
    await page.context().close();
  });

  it('keeps text typed before the stored draft arrived, and text typed just before a reload', async () => {
    const conv = await liveChatConversation();
    const page = await open(conv.id);
    const draft = () => api.get(`/api/v1/conversations/${conv.id}/draft`).then((r) => r.body.body as string);
    // The stored draft is slow to come: what is typed meanwhile is saved once it has come.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(`**/api/v1/conversations/${conv.id}/draft`, async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.fallback();
    });
    await page.reload();
    await page.getByRole('textbox', { name: 'Reply' }).fill('Typed at once');
    release();
    await expect.poll(draft, { timeout: 5000 }).toBe('Typed at once');
    await page.unroute(`**/api/v1/conversations/${conv.id}/draft`);
    // Typed, then reloaded at once (before the save delay): the page's last request saves it.
    await page.getByRole('textbox', { name: 'Reply' }).fill('Typed at once, then reloaded');
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Reply' }).inputValue(), { timeout: 5000 }).toBe('Typed at once, then reloaded');
    expect(await draft()).toBe('Typed at once, then reloaded');
    await page.context().close();
  });
});
