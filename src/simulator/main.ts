/** `npm run simulator`: the provider simulator as its own process. Never in production. */
import { optionsFromEnv } from './config';
import { startSimulator } from './index';
import type { Delivery } from './types';

if (process.env.NODE_ENV === 'production') {
  console.error('The provider simulator fakes Twilio and must not run with NODE_ENV=production.');
  process.exit(1);
}

try {
  const opts = optionsFromEnv(process.env);
  const sim = await startSimulator({ ...opts, onLog: (message, err) => console.warn(message, err ?? '') });
  // One line per request made to the app, with its answer.
  sim.state.events.on('delivery', (d: Delivery) => {
    const time = d.at.toISOString().slice(11, 19);
    const answer = d.error ? `failed: ${d.error}` : String(d.status);
    console.log(`${time} ${d.kind.padEnd(16)} ${d.method} ${d.url} → ${answer}`);
  });
  const numbers = opts.accounts.flatMap((a) => a.numbers.map((n) => `${n} (${a.sid})`));
  // One machine-readable line for whoever started this process (the app's demo launcher, src/demo).
  console.log(`SIMULATOR_READY ${JSON.stringify({ url: sim.url, smtpUrl: sim.smtpUrl })}`);
  console.log(`Provider simulator on ${sim.url}`);
  console.log(`  phone page:   ${sim.url}/`);
  console.log(`  demo website: ${sim.url}/demo-site?location=<location id>`);
  console.log(`  mailbox:      ${sim.url}/mail (SMTP sink at ${sim.smtpUrl}: point the app's SMTP_URL there)`);
  console.log(`  webhooks to:  ${opts.appUrl}/webhooks/twilio/…`);
  console.log(`  numbers:      ${numbers.join(', ') || 'none'}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
