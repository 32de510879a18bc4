/**
 * `npm run screenshots`: starts the app on a throw-away embedded database with the demo data and
 * saves screenshots of the main screens to docs/screenshots/ (shown in README.md).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch } from '../src/demo/launch';
import { createPool } from '../src/server/db/pool';
import { ApiClient } from '../test/helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../test/helpers/browser';
import { ensureWebBuild } from './ensure-web-build';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');

async function main() {
  await ensureWebBuild();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aix-shots-'));
  await fs.chmod(dataDir, 0o755);
  // As npm start runs it: the demo data, and the provider simulator beside the app.
  const demo = await launch(
    { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'true', LOG_LEVEL: 'warn', SIMULATOR_PORT: '0', SIMULATOR_SMTP_PORT: '0' },
    { logger: false, log: () => {} },
  );
  const server = demo.server;
  const browser = await launchBrowser();
  await fs.mkdir(OUT, { recursive: true });
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };
  try {
    const ctx = await newContext(browser, { width: 1440, height: 900 });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(DEMO.admin.email);
    await shot(page, 'login');
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.getByRole('tab', { name: 'All' }).click();
    await page.locator('[data-conversation-id]').first().click();
    await page.locator('.thread .item').first().waitFor();
    await shot(page, 'inbox');
    // A thread showing several kinds of items (calls, comments, activities…).
    const pool = createPool(server.databaseUrl, 1);
    const rich = await pool.query(
      `SELECT c.id FROM conversations c JOIN locations l ON l.id = c.location_id AND l.name = 'Glow Aesthetics Clinic'
        ORDER BY (SELECT count(DISTINCT m.message_type) FROM messages m WHERE m.location_id = c.location_id AND m.conversation_id = c.id) DESC LIMIT 1`,
    );
    await pool.end();
    await page.goto(`${server.url}/c/${rich.rows[0].id}`);
    await page.locator('.thread .item').first().waitFor();
    await shot(page, 'thread-kinds');
    for (const name of ['Appointments', 'Opportunities']) {
      const tab = page.getByRole('tab', { name });
      if (await tab.count()) {
        await tab.click();
        await shot(page, `side-${name.toLowerCase()}`);
      }
    }
    await page.getByRole('tab', { name: 'Contact' }).click().catch(() => undefined);
    await page.keyboard.press('?');
    await shot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/settings/team`);
    await page.getByRole('heading').first().waitFor();
    await shot(page, 'settings-team');
    await page.goto(`${server.url}/settings/channels`);
    await page.getByRole('heading', { name: 'Channels' }).waitFor();
    await page.locator('.channel-card').first().waitFor();
    await shot(page, 'settings-channels');

    // An SMS conversation: the composer's From picker and segment counter, the Call button.
    const sms = await (async (p) => {
      const r = await p.query(
        `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id JOIN locations l ON l.id = c.location_id
          WHERE l.name = 'Glow Aesthetics Clinic' AND c.last_inbound_type = 'TYPE_SMS' AND NOT ct.dnd
            AND coalesce(ct.dnd_settings->'SMS'->>'status', 'inactive') = 'inactive' LIMIT 1`,
      );
      await p.end();
      return r.rows[0].id as string;
    })(createPool(server.databaseUrl, 1));
    await page.goto(`${server.url}/c/${sms}`);
    await page.locator('.thread .item').first().waitFor();
    await page.getByRole('textbox', { name: 'Reply' }).fill('Hi! Your HydraFacial is booked for Friday at 3 pm. Please arrive 10 minutes early 😊');
    await shot(page, 'composer-sms');

    // Records and their Activity Cards, opened in place.
    const api = await ApiClient.signedIn(server.url, DEMO.admin);
    const conv = (await api.get(`/api/v1/conversations/${sms}`)).body;
    const pipeline = (await api.get('/api/v1/pipelines')).body.items[0];
    await api.post('/api/v1/opportunities', {
      name: 'HydraFacial series (6)', contactId: conv.contact.id, pipelineId: pipeline.id, pipelineStageId: pipeline.stages[1].id, monetaryValue: 108000,
    });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const appt = (await api.post('/api/v1/appointments', { title: 'HydraFacial', contactId: conv.contact.id, date: tomorrow, time: '15:00', durationMinutes: 60 })).body;
    await api.post(`/api/v1/appointments/${appt.id}/reschedule`, { date: tomorrow, time: '16:00' });
    const inv = (await api.post('/api/v1/invoices', { contactId: conv.contact.id, items: [{ name: 'HydraFacial', quantity: 1, unitPrice: 18000, taxRate: 8.875 }] })).body;
    await api.post(`/api/v1/invoices/${inv.id}/send`);
    await api.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 10000, method: 'card_terminal' });
    await page.goto(`${server.url}/c/${sms}`);
    await page.getByRole('button', { name: 'View Appointment' }).last().waitFor();
    await shot(page, 'activity-cards');
    await page.getByRole('button', { name: 'View Appointment' }).last().click();
    await page.getByRole('complementary', { name: 'Appointment details' }).waitFor();
    await shot(page, 'view-appointment');
    await page.getByRole('button', { name: 'View Invoice' }).last().click();
    await page.getByRole('complementary', { name: 'Invoice details' }).waitFor();
    await shot(page, 'view-invoice');
    await ctx.close();

    const phone = await newContext(browser, { width: 390, height: 844 });
    const p = await phone.newPage();
    await signIn(p, server.url, DEMO.admin.email, DEMO.admin.password);
    await shot(p, 'phone-list');
    await p.locator('[data-conversation-id]').first().click();
    await p.locator('.thread .item').first().waitFor();
    await shot(p, 'phone-thread');
    await phone.close();
  } finally {
    await browser.close();
    await demo.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
