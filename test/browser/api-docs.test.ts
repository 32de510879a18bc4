/**
 * The API documentation under its Content-Security-Policy, in real Chromium: Swagger UI renders
 * the operations and "Try it out" reaches the API, with no CSP violation; and the policy bites
 * (an inline script injected into the page does not run).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/api/docs', () => {
  it('renders with no CSP violation, and inline script is refused', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const res = await page.goto(`${server.url}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: /Aesthetix Inbox API/ }).waitFor();
    const healthOp = page.locator('.opblock').filter({ hasText: '/api/v1/auth/login' }).first();
    await healthOp.waitFor();
    // An operation opens and "Try it out" sends a real request from the page (connect-src 'self').
    await page.locator('.opblock-summary').filter({ hasText: '/api/v1/me' }).first().click();
    await page.getByRole('button', { name: 'Try it out' }).first().click();
    await page.getByRole('button', { name: 'Execute' }).first().click();
    await page.locator('.live-responses-table tbody td.response-col_status').first().waitFor();
    expect(await page.locator('.live-responses-table tbody td.response-col_status').first().innerText()).toContain('401');
    await page.screenshot({ path: '/tmp/api-docs.png' });
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);

    // The policy is really there: an injected inline script is blocked (and reported).
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.ran = true';
      document.body.append(s);
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations.length)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { ran?: boolean }).ran)).toBeUndefined();
    await ctx.close();
  });
});
