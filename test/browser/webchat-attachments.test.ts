/**
 * Files in web chat, in real Chromium: a visitor on the clinic's site (another origin) sends a
 * photo, a team member in a second browser context sees it live in the thread and replies with a
 * PDF, which the visitor downloads from the widget. Refused files say why, in the widget.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);

let server: TestServer;
let browser: Browser;
let site: http.Server;
let siteUrl: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
  const glowId = (await server.pool.query(`SELECT id FROM locations WHERE name = 'Glow Aesthetics Clinic'`)).rows[0].id;
  site = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Glow Aesthetics</title></head>
<body><h1>Glow Aesthetics Clinic</h1><script src="${server.url}/widget.js" data-location="${glowId}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  const admin = await ApiClient.signedIn(server.url, DEMO.admin);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [siteUrl] })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await server?.stop();
});

/** A photo-like JPEG drawn by the page's canvas. */
async function photo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 480;
    c.height = 360;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 480, 360);
    grad.addColorStop(0, '#f6d5c5');
    grad.addColorStop(1, '#b76e79');
    g.fillStyle = grad;
    g.fillRect(0, 0, 480, 360);
    g.fillStyle = '#fff';
    g.beginPath();
    g.arc(240, 170, 90, 0, Math.PI * 2);
    g.fill();
    return c.toDataURL('image/jpeg', 0.85);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** True once the image has been fetched and decoded. */
const loaded = (img: ReturnType<Page['locator']>) => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

describe('web chat attachments', () => {
  it('a visitor sends a photo, the agent sees it live and replies with a PDF the visitor downloads', async () => {
    const agentCtx = await newContext(browser);
    const agent = await agentCtx.newPage();
    await signIn(agent, server.url, DEMO.admin.email, DEMO.admin.password);
    await agent.getByRole('tab', { name: 'All' }).click();

    const visitorCtx = await newContext(browser, { width: 1280, height: 800 });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(siteUrl);
    await visitor.getByRole('button', { name: /^Open chat/ }).click();
    const chat = visitor.getByRole('dialog', { name: 'Glow Aesthetics Clinic' });
    const hello = `Here is the area I mean ${Date.now()}`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(hello);
    await visitor.keyboard.press('Enter');
    await chat.locator('time[datetime]').first().waitFor();

    // The team opens the new conversation.
    const row = agent.locator('[data-conversation-id]', { hasText: hello.slice(0, 30) });
    await row.waitFor();
    await row.click();
    const thread = agent.getByRole('log', { name: 'Conversation' });
    await thread.getByText(hello).waitFor();

    // The attach button opens the file chooser; the photo shows in the visitor's thread once sent.
    const [chooser] = await Promise.all([visitor.waitForEvent('filechooser'), chat.getByRole('button', { name: 'Attach a photo or PDF' }).click()]);
    await chooser.setFiles({ name: 'cheek-area.jpg', mimeType: 'image/jpeg', buffer: await photo(visitor) });
    await chat.locator('li.msg.me', { has: visitor.locator('img[alt="cheek-area.jpg"]') }).locator('time[datetime]').waitFor();
    const mine = chat.getByRole('img', { name: 'cheek-area.jpg' });
    await expect.poll(() => loaded(mine)).toBe(true);

    // The team sees it arrive live, as an image in the thread.
    const seen = thread.getByRole('img', { name: 'cheek-area.jpg' });
    await seen.waitFor();
    await expect.poll(() => loaded(seen)).toBe(true);

    // The agent replies by web chat with a PDF.
    await expect(agent.getByLabel('Reply channel').inputValue()).resolves.toBe('Live_Chat');
    await agent.locator('.composer input[type=file]').setInputFiles({ name: 'Aftercare.pdf', mimeType: 'application/pdf', buffer: PDF });
    await agent.locator('.file-chip', { hasText: 'Aftercare.pdf' }).waitFor();
    await agent.getByText('Uploading…').waitFor({ state: 'hidden' });
    await agent.getByRole('textbox', { name: 'Reply' }).fill('Your aftercare sheet');
    await agent.keyboard.press('Enter');
    await thread.getByRole('link', { name: /Aftercare\.pdf/ }).waitFor();

    // The visitor sees it live and downloads it.
    await chat.getByText('Your aftercare sheet').waitFor();
    const link = chat.getByRole('link', { name: /Aftercare\.pdf/ });
    await link.waitFor();
    const [download] = await Promise.all([visitor.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Aftercare.pdf');
    const chunks: Buffer[] = [];
    for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
    // The link is a blob: URL of the clinic's site: typed as plain bytes, it can only be saved, never rendered there.
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^blob:/);
    expect(await visitor.evaluate((u) => fetch(u).then((r) => r.blob().then((b) => b.type)), href)).toBe('application/octet-stream');

    // After a reload the photo comes back from the server (fetched with the visitor's token).
    await visitor.reload();
    await visitor.getByRole('button', { name: /^Open chat/ }).click();
    const again = chat.getByRole('img', { name: 'cheek-area.jpg' });
    await again.waitFor();
    await expect.poll(() => loaded(again)).toBe(true);
    await Promise.all([agentCtx.close(), visitorCtx.close()]);
  });

  it('says why a file is refused, and lets the visitor remove it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(siteUrl);
    await page.getByRole('button', { name: /^Open chat/ }).click();
    const chat = page.getByRole('dialog', { name: 'Glow Aesthetics Clinic' });
    const input = chat.locator('input[type=file]');

    // Refused by the server, by content: an executable renamed .pdf.
    await input.setInputFiles({ name: 'results.pdf', mimeType: 'application/pdf', buffer: EXE });
    await chat.getByRole('alert').filter({ hasText: '"results.pdf" contains EXE data, not PDF' }).waitFor();
    // Refused at once: not a photo or PDF.
    await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: EXE });
    await chat.getByRole('alert').filter({ hasText: 'only photos (JPG, PNG, GIF) and PDF files' }).waitFor();
    expect(await chat.getByRole('button', { name: 'Try again' }).count()).toBe(0);

    await chat.getByRole('button', { name: 'Remove' }).first().click();
    await chat.getByRole('button', { name: 'Remove' }).click();
    await chat.getByRole('alert').filter({ hasText: 'results.pdf' }).waitFor({ state: 'detached' });
    expect(await chat.locator('li.msg.me').count()).toBe(0);
    await ctx.close();
  });
});
