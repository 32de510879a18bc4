/**
 * The web app: the gzip size of the JavaScript a first visit downloads (the build's own report),
 * and the time from navigation to the painted conversation list of the large location in headless
 * Chromium — a signed-in agent opening the inbox with an empty browser cache each time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newContext } from '../../test/helpers/browser';
import { percentile } from '../lib/stats';
import type { MeasureContext, Row } from './context';

/** Runs in the page: the moment the first conversation row is in the DOM, then the frame that paints it. */
const WATCH_FIRST_ROW = `(() => {
  const seen = () => document.querySelector('.conv-row');
  const done = () => requestAnimationFrame(() => { window.__listPaintedAt = performance.now(); });
  const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); done(); } });
  mo.observe(document, { childList: true, subtree: true });
})()`;

export async function measureWebApp(ctx: MeasureContext): Promise<Row[]> {
  const report = JSON.parse(readFileSync(path.resolve('dist/web/bundle-report.json'), 'utf8')) as { initialGzipBytes: number; initialRawBytes: number };
  const [name, value] = ctx.admin.cookie.split('=');
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < ctx.opts.web.loads; i++) {
      const context = await newContext(browser);
      await context.addCookies([{ name, value, url: ctx.server.url }]);
      await context.addInitScript(WATCH_FIRST_ROW);
      const page = await context.newPage();
      await page.goto(ctx.server.url + '/');
      await page
        .waitForFunction(() => (window as unknown as { __listPaintedAt?: number }).__listPaintedAt !== undefined, undefined, { timeout: 30_000 })
        .catch(async (err: Error) => {
          await page.screenshot({ path: 'data/bench/web-failure.png' });
          throw new Error(`the conversation list did not paint (screenshot: data/bench/web-failure.png): ${err.message}`);
        });
      times.push(await page.evaluate(() => (window as unknown as { __listPaintedAt: number }).__listPaintedAt));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return [
    { group: 'Web app', name: 'initial JavaScript (gzip)', value: report.initialGzipBytes / 1024, unit: 'KB', target: { op: '<=', value: 250 }, detail: report },
    { group: 'Web app', name: `navigation → painted conversation list, median of ${times.length} cold loads`, value: percentile(times, 50), unit: 'ms', target: { op: '<=', value: 1000 }, detail: { loads: times } },
    { group: 'Web app', name: 'navigation → painted conversation list, slowest', value: Math.max(...times), unit: 'ms' },
  ];
}
