import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, CLIENT, startHarness, type Harness } from '../simulator/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('/_sim/reset', {});
  h.app.received.length = 0;
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a Server-Sent Events stream the way the phone page does. */
async function openEvents(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: SseEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  const waitFor = async (pred: (e: SseEvent) => boolean) => {
    const until = Date.now() + 5000;
    for (;;) {
      const found = events.find(pred);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no such event; got ${events.map((e) => e.event).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { events, waitFor, close: () => controller.abort() };
}

describe('phone page', () => {
  it('serves one self-contained page with the practice numbers', async () => {
    const res = await h.control('/');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Phone simulator');
    expect(html).toContain(ACCOUNT.numbers[0]);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(html).not.toContain('/*SCRIPT*/');
  });

  it('serves the demo clinic site with the widget of the location in the query', async () => {
    const withLocation = await (await h.control('/demo-site?location=loc_123')).text();
    expect(withLocation).toContain(`<script src="${h.app.url}/widget.js" data-location="loc_123" async></script>`);
    const without = await (await h.control('/demo-site')).text();
    expect(without).not.toContain('widget.js" data-location');
    expect(without).toContain('?location=');
  });

  it('streams texts, and rings an open phone for a click-to-call until it is answered and hung up', async () => {
    const stream = await openEvents(`${h.sim.url}/_sim/events?number=${encodeURIComponent(CLIENT)}`);
    try {
      await h.control('/_sim/sms', { from: CLIENT, to: ACCOUNT.numbers[0], body: 'hi there' });
      await stream.waitFor((e) => e.event === 'message' && e.data.body === 'hi there');

      h.app.on('/twiml', { body: '<Response><Say>Connecting you to the front desk.</Say><Dial>+15559870000</Dial></Response>' });
      const created = await (await h.api('Calls.json', {
        To: CLIENT, From: ACCOUNT.numbers[0], Url: `${h.app.url}/twiml`, StatusCallback: `${h.app.url}/cs`,
      })).json();
      const ring = await stream.waitFor((e) => e.event === 'ring');
      expect(ring.data).toMatchObject({ callSid: created.sid, from: ACCOUNT.numbers[0], to: CLIENT });
      expect((await h.control(`/_sim/calls/${created.sid}/answer`, {})).status).toBe(200);

      // The practice's front desk (automatic) answers the <Dial>; the call lasts until the client hangs up.
      await stream.waitFor((e) => e.event === 'call' && e.data.direction === 'outbound-dial' && e.data.status === 'in-progress');
      expect(h.app.of('/cs')).toHaveLength(0);
      await h.control(`/_sim/calls/${created.sid}/hangup`, {});
      await h.app.waitFor(() => h.app.of('/cs').length === 1);
      expect(h.app.of('/cs')[0].params).toMatchObject({ CallSid: created.sid, CallStatus: 'completed' });

      const calls = await (await h.control(`/_sim/calls?number=${encodeURIComponent(CLIENT)}`)).json();
      expect(calls[0]).toMatchObject({ sid: created.sid, status: 'completed', answeredBy: 'phone-page' });
      expect(calls[0].transcript[0]).toBe('Say: Connecting you to the front desk.');
    } finally {
      stream.close();
    }
  });

  it('a declined call is busy', async () => {
    const stream = await openEvents(`${h.sim.url}/_sim/events?number=${encodeURIComponent(CLIENT)}`);
    try {
      const created = await (await h.api('Calls.json', {
        To: CLIENT, From: ACCOUNT.numbers[0], Twiml: '<Response><Say>hi</Say></Response>', StatusCallback: `${h.app.url}/cs2`,
      })).json();
      await stream.waitFor((e) => e.event === 'ring');
      await h.control(`/_sim/calls/${created.sid}/decline`, {});
      await stream.waitFor((e) => e.event === 'ring-end' && e.data.reason === 'declined');
      await h.app.waitFor(() => h.app.of('/cs2').length === 1);
      expect(h.app.of('/cs2')[0].params.CallStatus).toBe('busy');
    } finally {
      stream.close();
    }
  });
});
