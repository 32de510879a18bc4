/**
 * GET /widget.js: the built widget (dist/widget/widget.js, see vite.widget.config.ts), for any
 * site to load with <script src="…/widget.js" data-location="…" async>. Cached for five minutes,
 * so a new release reaches the clinics' sites soon.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../../http/types';

export const WIDGET_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/widget/widget.js');

export function widgetScriptRoute(app: App): void {
  app.get('/widget.js', { schema: { hide: true } }, async (_req, reply) => {
    let code: Buffer;
    try {
      code = await fs.promises.readFile(WIDGET_FILE);
    } catch {
      return reply
        .status(503)
        .type('application/javascript; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send('console.warn("Aesthetix chat: the widget has not been built on the server (npm start builds it).");\n');
    }
    return reply
      .type('application/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .send(code);
  });
}
