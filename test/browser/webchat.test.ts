/**
 * The chat widget on a clinic's website (a page on another origin) in real Chromium, with a team
 * member answering from the inbox in a second browser context: live conversation, typing both
 * ways, the agent's name on the reply, details reaching the contact, and the conversation still
 * there after the visitor reloads the page.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

/** Set SCREENSHOT_DIR to keep pictures of the widget and of the agent's view. */
const SHOTS = process.env.SCREENSHOT_DIR;

let server: TestServer;
let browser: Browser;
let site: http.Server;
let siteUrl: string;
let glowId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
  // The clinic's own website: another origin (other host name and port) than the app.
  site = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Glow Aesthetics</title>
<style>body{font:18px/1.6 Georgia,serif;margin:0;padding:48px;background:#fdf6f0;color:#3b2f2f}h1{font-size:40px}</style></head>
<body><h1>Glow Aesthetics Clinic</h1><p>Book a consultation for injectables, skin and laser treatments.</p>
<script src="${server.url}/widget.js" data-location="${glowId}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  const admin = await ApiClient.signedIn(server.url, DEMO.admin);
  const res = await admin.put('/api/v1/webchat/settings', { allowedOrigins: [siteUrl], greeting: 'Hi! Questions about a treatment? Ask us here.' });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await server?.stop();
});

const shot = async (page: Page, name: string) => SHOTS && page.screenshot({ path: `${SHOTS}/${name}.png` });

async function openWidget(page: Page) {
  await page.getByRole('button', { name: /^Open chat/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Glow Aesthetics Clinic' });
  await dialog.waitFor();
  return dialog;
}

describe('web chat widget', () => {
  it('a visitor chats with the team from another website, and the chat survives a reload', async () => {
    const agentCtx = await newContext(browser);
    const agent = await agentCtx.newPage();
    await signIn(agent, server.url, DEMO.admin.email, DEMO.admin.password);
    await agent.getByRole('tab', { name: 'All' }).click();

    const visitorCtx = await newContext(browser, { width: 1280, height: 800 });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(siteUrl);
    const chat = await openWidget(visitor);
    await chat.getByText('Questions about a treatment?').waitFor();
    // Focus lands in the message box; Enter sends.
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.id)).toBe('aesthetix-chat');
    const question = `Do you do lip filler on Saturdays? ${Date.now()}`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(question);
    await visitor.keyboard.press('Enter');
    await chat.getByText(question).waitFor();
    await chat.locator('time[datetime]').first().waitFor(); // stored (no longer "Sending…")
    await expect(chat.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe('');
    await shot(visitor, 'webchat-widget');

    // The team sees the new conversation arrive live, and opens it.
    const row = agent.locator('[data-conversation-id]', { hasText: question.slice(0, 30) });
    await row.waitFor();
    await row.click();
    await agent.locator('.conv-header').getByRole('heading', { name: 'Website visitor' }).waitFor();
    await agent.getByRole('log', { name: 'Conversation' }).getByText(question).waitFor();

    // The visitor types: the agent sees it.
    await chat.getByRole('textbox', { name: 'Message' }).pressSequentially('Also, how long', { delay: 20 });
    await agent.getByRole('status').filter({ hasText: 'Visitor is typing…' }).waitFor();
    await shot(agent, 'webchat-agent-typing');

    // The agent types a web chat reply: the visitor sees it, then the reply with the agent's name.
    const reply = `Yes, Saturdays 9–2. Want me to book you in? ${Date.now()}`;
    await expect(agent.getByLabel('Reply channel').inputValue()).resolves.toBe('Live_Chat');
    await agent.getByRole('textbox', { name: 'Reply' }).pressSequentially('Yes, ', { delay: 20 });
    await chat.getByText('Avery is typing…').waitFor();
    await agent.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await agent.keyboard.press('Enter');
    await chat.getByText(reply).waitFor();
    await chat.getByText('Avery Morgan').waitFor();
    await chat.getByText('Avery is typing…').waitFor({ state: 'hidden' });
    await shot(visitor, 'webchat-widget-reply');

    // Leaving details names the contact in the inbox.
    await chat.getByRole('button', { name: 'Leave your details' }).click();
    await expect.poll(() => visitor.evaluate(() => document.querySelector('#aesthetix-chat')!.shadowRoot!.activeElement?.getAttribute('name'))).toBe('name');
    await chat.getByLabel('Name').fill('Maria Lopez');
    await chat.getByLabel('E-mail').fill(`maria.${Date.now()}@example.com`);
    await chat.getByRole('button', { name: 'Save details' }).click();
    await agent.locator('.conv-header').getByRole('heading', { name: 'Maria Lopez' }).waitFor();

    // Escape closes the panel and gives focus back to the bubble.
    await visitor.keyboard.press('Escape');
    await chat.waitFor({ state: 'hidden' });

    // A reload keeps the conversation (the token is in localStorage).
    await visitor.reload();
    const again = await openWidget(visitor);
    await again.getByText(question).waitFor();
    await again.getByText(reply).waitFor();
    await Promise.all([agentCtx.close(), visitorCtx.close()]);
  });

  it('catches up by itself after the connection drops', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(siteUrl);
    const chat = await openWidget(page);
    const hello = `Anyone there? ${Date.now()}`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(hello);
    await page.keyboard.press('Enter');
    // Shown at once (pending); stored a moment later.
    let conversationId: string | undefined;
    await expect
      .poll(async () => {
        const r = await server.pool.query(`SELECT conversation_id FROM messages WHERE location_id = $1 AND body = $2`, [glowId, hello]);
        return (conversationId = r.rows[0]?.conversation_id);
      })
      .toBeTruthy();

    // Every socket of the server drops; the reply is written while the widget is away.
    for (const ws of server.app.websocketServer.clients) ws.terminate();
    const staff = await ApiClient.signedIn(server.url, DEMO.staff);
    const reply = `Back with you in a second ${Date.now()}`;
    expect((await staff.post(`/api/v1/conversations/${conversationId}/messages`, { type: 'Live_Chat', body: reply })).status).toBe(201);
    await chat.getByText(reply).waitFor();
    await chat.getByText('Jordan Lee').waitFor();
    await ctx.close();
  });

  it('lets an admin set the allowed sites, greeting and colour, and shows the embed code', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await page.goto(`${server.url}/settings/webchat`);
    const sites = page.getByLabel('Websites allowed to show the chat');
    await expect(sites.inputValue()).resolves.toBe(siteUrl);
    await sites.fill(`${siteUrl}\nhttps://glow.example/pricing`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Line 2 \(https:\/\/glow\.example\/pricing\) must be an origin/).waitFor();
    await sites.fill(`${siteUrl}\nhttps://glow.example/`);
    await page.getByLabel('Greeting').fill('Hi! Questions about a treatment? Ask us here.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expect(sites.inputValue()).resolves.toBe(`${siteUrl}\nhttps://glow.example`);
    await page.getByText(`<script src="${server.url}/widget.js" data-location="${glowId}" async></script>`).waitFor();
    await shot(page, 'webchat-settings');
    await ctx.close();
  });

  it('fills a phone screen, and the header button closes it', async () => {
    const ctx = await newContext(browser, { width: 390, height: 844 });
    const page = await ctx.newPage();
    await page.goto(siteUrl);
    const chat = await openWidget(page);
    const box = await chat.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await shot(page, 'webchat-phone');
    await chat.getByRole('button', { name: 'Close chat' }).click();
    await chat.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await ctx.close();
  });

  it('serves the script for any site to load, cached for five minutes', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await res.text()).length).toBeGreaterThan(1000);
  });

  it('shows nothing on a site that is not allowed', async () => {
    const other = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Copycat</title><script src="${server.url}/widget.js" data-location="${glowId}" async></script>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const warned = new Promise<string>((resolve) => page.on('console', (m) => m.type() === 'warning' && resolve(m.text())));
    await page.goto(`http://localhost:${(other.address() as AddressInfo).port}`);
    await expect(warned).resolves.toMatch(/Aesthetix chat/);
    expect(await page.locator('#aesthetix-chat').count()).toBe(0);
    await ctx.close();
    await new Promise((resolve) => other.close(resolve));
  });
});
