/** GET /demo-site?location=… — a pretend clinic website (another origin than the app) embedding the chat widget. */

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function demoSiteHtml(appUrl: string, location: string | undefined): string {
  const widget = location
    ? `<script src="${escape(`${appUrl}/widget.js`)}" data-location="${escape(location)}" async></script>`
    : '';
  const notice = location
    ? ''
    : `<div class="notice"><strong>No chat widget yet.</strong> Add your location's id to this page's address,
       e.g. <code>/demo-site?location=&lt;location id&gt;</code>, and the inbox's web-chat widget
       (<code>${escape(appUrl)}/widget.js</code>) loads in the corner.</div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lumière Aesthetics · Skin, laser &amp; injectables</title>
<style>
  body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #2b2622; background: #fbf8f4; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 20px 6vw; }
  .mark { font-size: 22px; letter-spacing: 0.08em; }
  nav a { margin-left: 24px; color: #2b2622; text-decoration: none; font-family: system-ui, sans-serif; font-size: 14px; }
  .hero { padding: 10vh 6vw 12vh; background: linear-gradient(120deg, #f3e7dc, #fbf8f4 60%); }
  .hero h1 { font-size: clamp(34px, 5vw, 60px); font-weight: normal; margin: 0 0 16px; max-width: 14em; }
  .hero p { font-family: system-ui, sans-serif; font-size: 18px; color: #6b5f56; max-width: 34em; line-height: 1.6; }
  .cta { display: inline-block; margin-top: 20px; padding: 12px 22px; background: #2b2622; color: #fff; border-radius: 999px;
    font-family: system-ui, sans-serif; text-decoration: none; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 24px; padding: 48px 6vw; }
  .card { background: #fff; border-radius: 16px; padding: 24px; box-shadow: 0 4px 20px rgba(43, 38, 34, 0.06); }
  .card h3 { margin: 0 0 8px; font-weight: normal; }
  .card p { font-family: system-ui, sans-serif; color: #6b5f56; line-height: 1.5; margin: 0; }
  .notice { margin: 0 6vw 24px; padding: 14px 18px; border: 1px dashed #c9b8a8; border-radius: 12px;
    font-family: system-ui, sans-serif; font-size: 14px; background: #fff; }
  code { background: #f3e7dc; padding: 0 4px; border-radius: 4px; }
  @media (max-width: 640px) { nav { display: none; } }
  footer { padding: 32px 6vw; font-family: system-ui, sans-serif; font-size: 13px; color: #8a7d73; }
</style>
</head>
<body>
<header><div class="mark">LUMIÈRE</div><nav><a href="#">Treatments</a><a href="#">Pricing</a><a href="#">Visit us</a></nav></header>
<section class="hero">
  <h1>Skin that feels like yours, only rested.</h1>
  <p>Medical-grade facials, laser resurfacing and injectables in a calm studio. Questions about a treatment?
     Send us a message — a real person from our front desk answers.</p>
  <a class="cta" href="#">Book a consultation</a>
</section>
${notice}
<section class="grid">
  <div class="card"><h3>HydraFacial</h3><p>Cleanse, exfoliate and hydrate in 45 minutes, with no downtime.</p></div>
  <div class="card"><h3>Laser resurfacing</h3><p>Softens fine lines and sun damage over a short series of visits.</p></div>
  <div class="card"><h3>Injectables</h3><p>Subtle, natural results planned with you at a free consultation.</p></div>
</section>
<footer>A demonstration website served by the Aesthetix Inbox provider simulator.</footer>
${widget}
</body>
</html>`;
}
