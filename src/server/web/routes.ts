import type { RouteModule } from '../http/types';

/** Until the web app lands: a page that says the API is up, and a health check. */
export const webRoutes: RouteModule = (app, { pool }) => {
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    await pool.query('SELECT 1');
    return reply.send({ ok: true });
  });

  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aesthetix Inbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Aesthetix Inbox</h1><p>The API is up.</p>
<ul><li>API reference: <a href="/api/docs">/api/docs</a> (OpenAPI document: <a href="/api/openapi.json">/api/openapi.json</a>)</li>
<li>Sign in: <code>POST /api/v1/auth/login</code></li></ul></body></html>`),
  );
};
