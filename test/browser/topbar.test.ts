/**
 * The top bar at phone, tablet and desktop widths: every control inside the screen, none covering
 * another, no text cut off; on phones the location shows as initials and opens the full names.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launchBrowser, newContext, signIn } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ SEED_DEMO: 'true' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const topbar = (page: Page) => page.locator('header.topbar');
const locationButton = (page: Page, name = 'Glow Aesthetics Clinic') => page.getByRole('button', { name: `Location: ${name}`, exact: true });

/** The top bar's controls, by what a user reaches them with. */
function controls(page: Page, location: string): [string, Locator][] {
  const bar = topbar(page);
  return [
    ['home', bar.getByRole('link', { name: 'Aesthetix Inbox home' })],
    ['inbox', bar.getByRole('link', { name: 'Inbox', exact: true })],
    ['settings', bar.getByRole('link', { name: 'Settings', exact: true })],
    ['location', locationButton(page, location)],
    ['notifications', bar.getByRole('button', { name: /^Notifications/ })],
    ['account', bar.getByRole('button', { name: 'Account and preferences' })],
    ['sign out', bar.getByRole('button', { name: 'Sign out' })],
  ];
}

/** Every control is inside the screen, on top where it is drawn, and clear of the others. */
async function expectLaidOut(page: Page, width: number, location = 'Glow Aesthetics Clinic') {
  const boxes: [string, { x: number; y: number; width: number; height: number }][] = [];
  for (const [name, control] of controls(page, location)) {
    const box = await control.boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${name} ends on screen`).toBeLessThanOrEqual(width);
    const onTop = await control.evaluate((el, [x, y]) => el.contains(document.elementFromPoint(x, y)), [box!.x + box!.width / 2, box!.y + box!.height / 2]);
    expect(onTop, `${name} is not covered`).toBe(true);
    boxes.push([name, box!]);
  }
  for (const [i, [a, p]] of boxes.entries()) {
    for (const [b, q] of boxes.slice(i + 1)) {
      const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
      expect(apart, `${a} and ${b} do not overlap`).toBe(true);
    }
  }
  // No text in the bar is cut off (an ellipsis or a clipped box).
  const clipped = await topbar(page).evaluate((bar) =>
    [...bar.querySelectorAll<HTMLElement>('*')].filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1).map((el) => el.className || el.tagName),
  );
  expect(clipped).toEqual([]);
}

describe('top bar', () => {
  it('fits a phone: the location as initials, its full name and the other locations one tap away', async () => {
    const ctx = await newContext(browser, { width: 390, height: 844 });
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    await expectLaidOut(page, 390);
    await expect(locationButton(page).innerText()).resolves.toBe('GAC');

    await locationButton(page).click();
    const list = page.getByRole('dialog', { name: 'Locations' });
    for (const name of ['Glow Aesthetics Clinic', 'Radiance Med Spa']) {
      const option = list.getByRole('button', { name, exact: true });
      await expect(option.innerText()).resolves.toBe(name);
      const box = (await option.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await expect(list.getByRole('button', { name: 'Glow Aesthetics Clinic' }).getAttribute('aria-current')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await expect(list.count()).resolves.toBe(0);

    // Switching from the list: the bar then names the other clinic.
    await locationButton(page).click();
    await list.getByRole('button', { name: 'Radiance Med Spa' }).click();
    await locationButton(page, 'Radiance Med Spa').waitFor();
    await page.getByRole('listbox', { name: /conversations/i }).waitFor();
    await expect(locationButton(page, 'Radiance Med Spa').innerText()).resolves.toBe('RMS');
    await expectLaidOut(page, 390, 'Radiance Med Spa');
    // …and back (the next sign-in starts where this one left).
    await locationButton(page, 'Radiance Med Spa').click();
    await list.getByRole('button', { name: 'Glow Aesthetics Clinic' }).click();
    await locationButton(page).waitFor();
    await ctx.close();
  });

  it('shows the full location name on a tablet and a desktop', async () => {
    for (const [width, height] of [
      [768, 1024],
      [1440, 900],
    ]) {
      const ctx = await newContext(browser, { width, height });
      const page = await ctx.newPage();
      await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
      await expectLaidOut(page, width);
      await expect(locationButton(page).innerText()).resolves.toBe('Glow Aesthetics Clinic');
      await ctx.close();
    }
  });

  it('closes its panels on a press outside them or on Escape, focus back on the control that opened them', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, server.url, DEMO.admin.email, DEMO.admin.password);
    const panels: [string, RegExp | string][] = [
      ['Notifications', /^Notifications/],
      ['Account and preferences', 'Account and preferences'],
      ['Locations', /Glow Aesthetics Clinic/],
    ];
    for (const [dialog, buttonName] of panels) {
      const button = page.getByRole('button', { name: buttonName }).first();
      const panel = page.getByRole('dialog', { name: dialog });
      await button.click();
      await panel.waitFor();
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await button.click();
      await panel.waitFor();
      await page.mouse.click(700, 450); // the thread area, outside the panel
      await panel.waitFor({ state: 'detached' });
    }
    await ctx.close();
  });
});
