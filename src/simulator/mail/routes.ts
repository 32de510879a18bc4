/** The mail peer's HTTP side: GET/DELETE /_sim/mail for tests, and the /mail page for people. */
import type { FastifyInstance } from 'fastify';
import { mailPageHtml } from './page';
import type { MailStore, SimMail } from './store';

export const mailView = (m: SimMail) => ({ ...m, receivedAt: m.receivedAt.toISOString() });

export function mailRoutes(app: FastifyInstance, store: MailStore): void {
  /** Every mail received, oldest first; ?to= one recipient's. */
  app.get<{ Querystring: { to?: string } }>('/_sim/mail', async (req) => {
    const list = req.query.to ? store.to(req.query.to) : store.mails;
    return list.map(mailView);
  });

  app.delete('/_sim/mail', async () => {
    store.clear();
    return { ok: true };
  });

  app.get('/mail', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(mailPageHtml([...store.mails].reverse())),
  );
}
