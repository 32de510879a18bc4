/**
 * Faults on demand: `POST /_sim/faults {"status":503,"count":2,"path":"Messages"}` makes the next
 * two Messages API calls answer 503 with Twilio's error body; `POST /_sim/network-drop {"count":1}`
 * destroys the socket of the next API call; `DELETE /_sim/faults` clears both.
 */
import type { FastifyInstance } from 'fastify';
import type { SimState } from '../state';
import { bodyOf, int, str } from './validate';

export function faultRoutes(app: FastifyInstance, state: SimState): void {
  app.post('/_sim/faults', async (req) => {
    const body = bodyOf(req.body);
    const status = int(body, 'status', 503, 400, 599);
    const count = int(body, 'count', 1, 1, 10_000);
    const path = str(body, 'path');
    state.faults.push({ status, remaining: count, path });
    return { faults: state.faults.filter((f) => f.remaining > 0) };
  });

  app.delete('/_sim/faults', async () => {
    state.faults = [];
    state.drops = [];
    return { ok: true };
  });

  app.post('/_sim/network-drop', async (req) => {
    const body = bodyOf(req.body);
    state.drops.push({ remaining: int(body, 'count', 1, 1, 10_000), path: str(body, 'path') });
    return { drops: state.drops.filter((d) => d.remaining > 0) };
  });
}
