import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { errorBody } from '../http/errors';
import type { App, Deps } from '../http/types';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const APP_CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const STATUS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aesthetix Inbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Aesthetix Inbox</h1><p>The API is up, but the web app has not been built: run <code>npm start</code>
(it builds it) or <code>npm run build</code>.</p>
<ul><li>API reference: <a href="/api/docs">/api/docs</a> (OpenAPI document: <a href="/api/openapi.json">/api/openapi.json</a>)</li></ul></body></html>`;

/**
 * The web app: built files from dist/web (hashed assets cached for a year), and index.html for any
 * other page address so the app's own router takes over. API and webhook paths answer JSON 404s.
 */
export async function webRoutes(app: App, { pool }: Deps): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    await pool.query('SELECT 1');
    return reply.send({ ok: true });
  });

  const indexFile = path.join(WEB_DIST, 'index.html');
  const built = fs.existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        res.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendApp = async (_req: unknown, reply: any) => {
    if (!built) return reply.type('text/html; charset=utf-8').send(STATUS_PAGE);
    return reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', APP_CSP)
      .type('text/html; charset=utf-8')
      .send(await fs.promises.readFile(indexFile));
  };
  app.get('/', { schema: { hide: true } }, sendApp);

  app.setNotFoundHandler((req, reply) => {
    const pathOnly = req.url.split('?')[0];
    const isPage = req.method === 'GET' && !/^\/(api|webhooks)(\/|$)/.test(pathOnly) && !/\.[a-z0-9]+$/i.test(pathOnly);
    if (isPage) return sendApp(req, reply);
    return reply.status(404).send(errorBody('not_found', `No route for ${req.method} ${pathOnly}.`));
  });
}
