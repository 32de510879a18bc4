/** The simulator's mailbox page: every system mail received, newest first, links clickable. */
import type { SimMail } from './store';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Escaped text with http(s) links turned into anchors. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escape(part)}" target="_blank" rel="noopener">${escape(part)}</a>` : escape(part)))
    .join('');
}

function mailHtml(m: SimMail): string {
  return `<article class="mail">
  <header>
    <h2>${escape(m.subject || '(no subject)')}</h2>
    <dl>
      <dt>To</dt><dd>${escape(m.to.join(', ') || m.envelope.to.join(', '))}</dd>
      <dt>From</dt><dd>${escape(m.from)}</dd>
      <dt>Received</dt><dd><time datetime="${m.receivedAt.toISOString()}">${escape(m.receivedAt.toUTCString())}</time></dd>
    </dl>
  </header>
  <pre>${linkify(m.text)}</pre>
</article>`;
}

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f5f3f0; color: #1f1b16; }
  main { max-width: 760px; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  .lede { color: #6b6259; margin: 0 0 20px; }
  .mail { background: #fff; border: 1px solid #e4ded6; border-radius: 10px; padding: 16px 18px; margin-bottom: 14px; }
  .mail h2 { font-size: 17px; margin: 0 0 8px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; font-size: 13px; color: #6b6259; }
  dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0; }
  a { color: #8a4b2a; }
  .empty { background: #fff; border: 1px dashed #d6cec4; border-radius: 10px; padding: 24px; text-align: center; color: #6b6259; }
  nav { margin-bottom: 16px; font-size: 14px; }
`;

export function mailPageHtml(newestFirst: SimMail[]): string {
  const body = newestFirst.length
    ? newestFirst.map(mailHtml).join('\n')
    : '<p class="empty">No mail yet. Invitations and password-reset e-mails the app sends appear here.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mailbox · Provider simulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <nav><a href="/">← Phone</a></nav>
  <h1>Mailbox</h1>
  <p class="lede">The app's system mail (invitations, password resets) in demo mode. ${newestFirst.length} received; new ones appear by themselves.</p>
  ${body}
</main>
<script>
(() => {
  const shown = ${newestFirst.length};
  setInterval(async () => {
    try {
      const r = await fetch('/_sim/mail', { cache: 'no-store' });
      if ((await r.json()).length !== shown) location.reload();
    } catch {}
  }, 3000);
})();
</script>
</body>
</html>`;
}
