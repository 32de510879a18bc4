/**
 * Settings → Pipelines, Calendars and Stripe in real Chromium against the real server (demo data):
 * an admin builds a pipeline (stages added, reordered from the keyboard, renamed) and finds it,
 * in its order, where opportunities are created in the side panel; creates a calendar and books on
 * it from the side panel; the server's refusals (a stage or calendar in use) are shown with their
 * reason; connects Stripe and sees it connected without the secret; a team member who is not an
 * admin cannot reach these pages. The inbox is reached through the app's own links, so what the
 * side panel shows comes from the cache the settings pages updated.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let glowId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function signedIn(user: { email: string; password: string }): Promise<Page> {
  const ctx = await newContext(browser);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await signIn(page, server.url, user.email, user.password);
  return page;
}

/** Settings → section, through the top bar and the settings navigation. */
async function openSettings(page: Page, section: string) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: section }).click();
  await page.getByRole('heading', { name: section, level: 2, exact: true }).waitFor();
}

/** Back to the inbox through the top bar, and into the most recent conversation. */
async function openFirstConversation(page: Page) {
  await page.getByRole('link', { name: 'Inbox', exact: true }).click();
  await page.locator('[data-conversation-id]').first().click();
  await page.getByRole('log', { name: 'Conversation' }).locator('.item').first().waitFor();
}

/** The options of a select (empty until it is shown: poll it). */
const optionTexts = (select: Locator) => select.locator('option').allTextContents();

describe('Settings → Pipelines', () => {
  it('creates a pipeline, reorders and renames a stage, and the side panel offers it in that order; a stage in use cannot be deleted', async () => {
    const page = await signedIn(DEMO.admin);
    await openSettings(page, 'Pipelines');
    await page.getByRole('article', { name: 'Pipeline Sales Pipeline' }).waitFor();

    await page.getByRole('button', { name: 'New pipeline' }).click();
    const form = page.getByRole('form', { name: 'New pipeline' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Laser hair removal');
    await form.getByRole('textbox', { name: 'Stages' }).fill('Enquiry\nPatch test\nCourse sold');
    await form.getByRole('button', { name: 'Create pipeline' }).click();
    const card = page.getByRole('article', { name: 'Pipeline Laser hair removal' });
    const stages = card.getByRole('list', { name: /Stages of Laser hair removal/ });
    await expect.poll(() => stages.locator('.stage-name').allTextContents()).toEqual(['Enquiry', 'Patch test', 'Course sold']);

    // Add a stage at the end, then move it up from the keyboard: focus stays on its arrow.
    await card.getByRole('textbox', { name: 'New stage of Laser hair removal' }).fill('Follow-up');
    await card.getByRole('button', { name: 'Add stage' }).click();
    await stages.getByText('Follow-up').waitFor();
    await card.getByRole('button', { name: 'Move Follow-up up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => stages.locator('.stage-name').allTextContents()).toEqual(['Enquiry', 'Patch test', 'Follow-up', 'Course sold']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Follow-up up');
    await page.keyboard.press('Enter');
    await expect.poll(() => stages.locator('.stage-name').allTextContents()).toEqual(['Enquiry', 'Follow-up', 'Patch test', 'Course sold']);

    // Rename "Patch test" in place.
    await card.getByRole('button', { name: 'Rename Patch test' }).click();
    await card.getByRole('textbox', { name: 'New name for the stage Patch test' }).fill('Patch test booked');
    await card.getByRole('textbox', { name: 'New name for the stage Patch test' }).press('Enter');
    await expect.poll(() => stages.locator('.stage-name').allTextContents()).toEqual(['Enquiry', 'Follow-up', 'Patch test booked', 'Course sold']);
    await card.getByRole('status').getByText('Saved').waitFor();

    // The side panel offers the pipeline with its stages in the new order; an opportunity goes into the renamed stage.
    await openFirstConversation(page);
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    await page.getByRole('button', { name: /^New( opportunity)?$/ }).first().click();
    const opp = page.getByRole('form', { name: 'New opportunity' });
    await opp.getByLabel('Pipeline').selectOption({ label: 'Laser hair removal' });
    await expect.poll(() => optionTexts(opp.getByLabel('Stage'))).toEqual(['Enquiry', 'Follow-up', 'Patch test booked', 'Course sold']);
    await opp.getByLabel('Name').fill('Underarm laser course');
    await opp.getByLabel('Stage').selectOption({ label: 'Patch test booked' });
    await opp.getByRole('button', { name: 'Create opportunity' }).click();
    await page.locator('.opp-card', { hasText: 'Underarm laser course' }).getByText('Laser hair removal › Patch test booked').waitFor();

    // That stage now holds an opportunity: deleting it is refused, with the reason.
    await openSettings(page, 'Pipelines');
    await card.getByRole('button', { name: 'Delete Patch test booked' }).click();
    await card.getByRole('group', { name: 'Confirm: Delete stage' }).getByRole('button', { name: 'Delete stage' }).click();
    await card.getByRole('alert').getByText('The stage “Patch test booked” still holds 1 opportunity: move it to another stage first.', { exact: false }).waitFor();
    await expect(stages.locator('.stage-name').allTextContents()).resolves.toContain('Patch test booked');
  });
});

describe('Settings → Calendars', () => {
  it('creates a calendar that is offered when booking from the side panel, with its defaults; one with an appointment cannot be deleted', async () => {
    const page = await signedIn(DEMO.admin);
    await openSettings(page, 'Calendars');
    await page.getByRole('list', { name: 'Calendars' }).getByText('Treatments').waitFor();

    await page.getByRole('button', { name: 'New calendar' }).click();
    const form = page.getByRole('form', { name: 'New calendar' });
    await form.getByLabel('Name', { exact: true }).fill('Laser room');
    await form.getByLabel('Default length').selectOption({ label: '45 min' });
    await form.getByLabel('Meeting', { exact: true }).selectOption({ label: 'Phone call' });
    await form.getByLabel('Phone number').fill('(212) 555-0188');
    await form.getByRole('checkbox', { name: 'Avery Morgan' }).uncheck();
    await form.getByRole('checkbox', { name: 'Jordan Lee' }).check();
    await form.getByRole('button', { name: 'Create calendar' }).click();
    await page.getByRole('status').getByText('“Laser room” was saved.').waitFor();
    const row = page.getByRole('listitem').filter({ hasText: 'Laser room' });
    await row.getByText('45 min · Phone call: (212) 555-0188').waitFor();
    await row.getByText('Team: Jordan Lee').waitFor();

    // Booking from the side panel offers it, and picking it brings its length, team and place.
    await openFirstConversation(page);
    await page.getByRole('tab', { name: 'Appointments' }).click();
    await page.getByRole('button', { name: /^Book( appointment)?$/ }).first().click();
    const book = page.getByRole('form', { name: 'Book appointment' });
    await expect.poll(() => optionTexts(book.getByLabel('Calendar'))).toEqual(['Treatments', 'Laser room']);
    await book.getByLabel('Calendar').selectOption({ label: 'Laser room' });
    await expect(book.getByLabel('Length').locator('option:checked').textContent()).resolves.toBe('45 min');
    await expect(book.getByLabel('Team member').locator('option:checked').textContent()).resolves.toBe('Jordan Lee');
    await expect(book.getByLabel('Phone number').inputValue()).resolves.toBe('(212) 555-0188');
    await book.getByLabel('Title').fill('Laser patch test');
    await book.getByLabel('Date').fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(Date.now() + 12 * 86_400_000));
    await book.getByLabel('Time').fill('11:00');
    await book.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByRole('complementary', { name: 'Appointment details' }).getByRole('heading', { name: 'Laser patch test' }).waitFor();

    // Now it has an appointment: deleting it is refused, with the reason.
    await openSettings(page, 'Calendars');
    await row.getByRole('button', { name: 'Delete Laser room' }).click();
    await row.getByRole('button', { name: 'Delete calendar' }).click();
    await page.getByRole('alert').getByText('This calendar still has 1 appointment: move or delete it first.', { exact: false }).waitFor();
    await expect(row.count()).resolves.toBe(1);
  });
});

describe('Settings → Stripe', () => {
  it('connects with the webhook secret and key, shows it connected and the webhook URL, never the secrets; disconnects', async () => {
    const secret = 'whsec_browser_test_5f2a9c';
    const key = 'sk_test_browser_7d1e4b';
    const page = await signedIn(DEMO.admin);
    await openSettings(page, 'Stripe');
    const status = page.getByRole('article', { name: 'Stripe connection' });
    await status.getByText('Not connected').waitFor();
    await status.getByText(`${server.url}/webhooks/stripe/${glowId}`).waitFor();

    const form = page.getByRole('form', { name: 'Connect Stripe' });
    await form.getByLabel('Webhook signing secret').fill(secret);
    await form.getByLabel('Secret key').fill(key);
    await form.getByRole('button', { name: 'Connect Stripe' }).click();
    await status.getByText('Connected', { exact: true }).waitFor();
    await status.getByText('Webhook secret and secret key stored.', { exact: false }).waitFor();
    await page.getByRole('status').getByText('Saved: Stripe is connected').waitFor();
    const replace = page.getByRole('form', { name: 'Replace the Stripe keys' });
    await expect(replace.getByLabel('Webhook signing secret').inputValue()).resolves.toBe('');
    await expect(replace.getByLabel('Secret key').inputValue()).resolves.toBe('');
    expect(await page.content()).not.toContain(secret);

    await page.reload();
    await status.getByText('Connected', { exact: true }).waitFor();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(key);

    await status.getByRole('button', { name: 'Disconnect' }).click();
    await status.getByRole('group', { name: 'Confirm: Disconnect' }).getByRole('button', { name: 'Disconnect' }).click();
    await status.getByText('Not connected').waitFor();
    await page.getByRole('form', { name: 'Connect Stripe' }).waitFor();
  });
});

describe('who may reach these pages', () => {
  it('shows a team member who is not an admin neither the links nor the pages', async () => {
    const page = await signedIn(DEMO.staff);
    await page.getByRole('link', { name: 'Settings' }).click();
    const nav = page.getByRole('navigation', { name: 'Settings' });
    await nav.getByRole('link', { name: 'Snippets' }).waitFor();
    for (const name of ['Pipelines', 'Calendars', 'Stripe']) await expect(nav.getByRole('link', { name }).count()).resolves.toBe(0);
    for (const section of ['pipelines', 'calendars', 'stripe']) {
      await page.goto(`${server.url}/settings/${section}`);
      await page.getByRole('heading', { name: 'Only admins can change these settings' }).waitFor();
      await expect(page.getByRole('button', { name: /New pipeline|New calendar|Connect Stripe/ }).count()).resolves.toBe(0);
    }
  });
});
