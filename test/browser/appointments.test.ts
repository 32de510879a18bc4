/**
 * Appointments in the inbox, in real Chromium against the real server (demo data): booking from
 * the side panel, the Activity Card arriving live for a second team member, View Appointment
 * opened from the card, rescheduling in place, conflicts and deleted appointments.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
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

/** The n-th most recent conversation of Glow, with its contact. */
async function conversation(n: number): Promise<{ id: string; contactId: string }> {
  const r = await server.pool.query(
    `SELECT id, contact_id AS "contactId" FROM conversations WHERE location_id = $1 ORDER BY last_message_at DESC OFFSET $2 LIMIT 1`,
    [glowId, n],
  );
  return r.rows[0];
}

async function openAs(user: { email: string; password: string }, conversationId: string): Promise<Page> {
  const ctx = await newContext(browser);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await signIn(page, server.url, user.email, user.password);
  await page.goto(`${server.url}/c/${conversationId}`);
  await page.getByRole('log', { name: 'Conversation' }).locator('.item').first().waitFor();
  return page;
}

/** A date some days ahead, as YYYY-MM-DD in New York. */
const dayAhead = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(Date.now() + days * 86_400_000);

const thread = (p: Page) => p.getByRole('log', { name: 'Conversation' });
const card = (p: Page, text: RegExp) => thread(p).locator('article.activity-card').filter({ hasText: text });
const recordPanel = (p: Page) => p.getByRole('complementary', { name: 'Appointment details' });

describe('appointments in the inbox', () => {
  it('books from the panel; a second user sees the card live, opens View Appointment and reschedules; both see the new card', async () => {
    const conv = await conversation(0);
    const title = `Botox consult ${Date.now() % 100000}`;
    const [a, b] = await Promise.all([openAs(DEMO.admin, conv.id), openAs(DEMO.staff, conv.id)]);

    // A (admin) books from the Appointments panel.
    await a.getByRole('tab', { name: 'Appointments' }).click();
    await a.getByRole('button', { name: /^Book( appointment)?$/ }).first().click();
    const form = a.getByRole('form', { name: 'Book appointment' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Date').fill(dayAhead(10));
    await form.getByLabel('Time').fill('14:00');
    await form.getByLabel('Length').selectOption('45');
    await expect(form.getByLabel('Team member').locator('option:checked').textContent()).resolves.toBe('Avery Morgan');
    await form.getByLabel('Notes').fill('First visit, bring photos');
    await form.getByRole('button', { name: 'Book appointment' }).click();

    // A: the new appointment opens in place, 2:00 PM New York time.
    await recordPanel(a).getByRole('heading', { name: title }).waitFor();
    await recordPanel(a).getByText(/2:00\s–\s2:45\sPM\sE[SD]T/).waitFor();
    await recordPanel(a).getByText('From the conversation').waitFor();
    await recordPanel(a).getByText(/by Avery Morgan/).waitFor();

    // B (staff) sees the card arrive live, and opens the appointment from it.
    const booked = card(b, new RegExp(`Appointment booked: ${title}, \\w{3} \\d+ \\w{3} 2:00 PM`));
    await booked.waitFor();
    await booked.getByRole('button', { name: 'View Appointment' }).click();
    const view = recordPanel(b);
    await view.getByRole('heading', { name: title }).waitFor();
    await view.getByText('Avery Morgan', { exact: true }).waitFor();
    await view.getByText('First visit, bring photos').waitFor();

    // B reschedules to 4:00 PM, in place.
    await view.getByRole('button', { name: 'Reschedule' }).click();
    const reschedule = view.getByRole('form', { name: 'Reschedule appointment' });
    await expect(reschedule.getByLabel('Time').inputValue()).resolves.toBe('14:00');
    await reschedule.getByLabel('Time').fill('16:00');
    await reschedule.getByRole('button', { name: 'Save new time' }).click();
    await view.getByText(/4:00\s–\s4:45\sPM\sE[SD]T/).waitFor();

    // Both see the rescheduled card, with the change; A's open panel follows too.
    for (const p of [a, b]) {
      const moved = card(p, new RegExp(`Appointment rescheduled: ${title}, \\w{3} \\d+ \\w{3} 4:00 PM`));
      await moved.waitFor();
      await moved.getByText('Jordan Lee', { exact: false }).waitFor();
    }
    await recordPanel(a).getByText(/4:00\s–\s4:45\sPM\sE[SD]T/).waitFor();

    // The Appointments panel lists it as upcoming, at its new time.
    await a.getByRole('button', { name: 'Close appointment' }).click();
    const upcoming = a.getByRole('region', { name: 'Upcoming appointments' });
    await upcoming.getByRole('button', { name: `View appointment: ${title}` }).getByText(/4:00\s–\s4:45\sPM/).first().waitFor();

    // Confirm from B: a card for A.
    await view.getByRole('button', { name: 'Confirm' }).click();
    await card(a, new RegExp(`Appointment confirmed: ${title}`)).waitFor();
    await upcoming.getByText('Confirmed').waitFor();
  });

  it('shows a conflict in plain words, and an old card of a deleted appointment says so', async () => {
    const conv = await conversation(1);
    const admin = await ApiClient.signedIn(server.url, DEMO.admin);
    const avery = (await admin.get('/api/v1/me')).body.user.id;
    const day = dayAhead(12);
    const book = (title: string, time: string) =>
      admin.post('/api/v1/appointments', { title, contactId: conv.contactId, assignedUserId: avery, date: day, time, timezone: 'America/New_York', durationMinutes: 60 });
    const blocker = await book('Laser session', '10:00');
    const mine = await book('Peel', '13:00');
    expect([blocker.status, mine.status]).toEqual([201, 201]);

    const page = await openAs(DEMO.staff, conv.id);
    await card(page, /Appointment booked: Peel/).getByRole('button', { name: 'View Appointment' }).click();
    const view = recordPanel(page);
    await view.getByRole('button', { name: 'Reschedule' }).click();
    const form = view.getByRole('form', { name: 'Reschedule appointment' });
    await form.getByLabel('Time').fill('10:30');
    await form.getByRole('button', { name: 'Save new time' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toMatch(/Avery Morgan already has “Laser session” on .* 10:00 AM E[SD]T – 11:00 AM\. Pick another time/);

    // Deleted elsewhere: the card stays, its View button explains.
    await form.getByRole('button', { name: 'Discard' }).click();
    expect((await admin.delete(`/api/v1/appointments/${mine.body.id}`)).status).toBe(200);
    await card(page, /Appointment deleted: Peel/).waitFor();
    await view.getByText('This appointment was deleted').waitFor();
    await page.getByRole('button', { name: 'Close appointment' }).click();
    await card(page, /Appointment booked: Peel/).getByRole('button', { name: 'View Appointment' }).click();
    await recordPanel(page).getByText('This appointment was deleted').waitFor();
  });
});
