/**
 * GET /api/v1/ws: a live feed of the current location's events. With ?since=<cursor> the socket
 * first replays what was committed after that cursor, in order, then continues live; the `ready`
 * frame marks the switch. Nothing is lost or repeated across the seam (see Subscriber handling).
 */
import { keepAlive } from './heartbeat';
import type {} from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { SocketFrame } from '#shared/events';
import { AppError } from '../http/errors';
import type { AuthContext, RouteModule } from '../http/types';
import type { Pool } from '../db/pool';
import { currentSeq, decodeCursor, encodeCursor, readEvents, type LoggedEvent } from './event-log';
import type { Subscriber } from './hub';
import { visibilityFor } from './visibility';

const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const PING_EVERY_MS = 25_000;
const RECHECK_EVERY_MS = 60_000;

async function stillAllowed(pool: Pool, auth: AuthContext): Promise<boolean> {
  const r =
    auth.via === 'api_key'
      ? await pool.query('SELECT 1 FROM api_keys WHERE location_id = $1 AND id = $2', [auth.locationId, auth.apiKeyId])
      : await pool.query(
          `SELECT 1 FROM sessions s JOIN memberships m ON m.location_id = s.location_id AND m.user_id = s.user_id
            WHERE s.token_hash = $1 AND s.location_id = $2 AND s.expires_at > now()`,
          [Buffer.from(auth.sessionHash!, 'hex'), auth.locationId],
        );
  return (r.rowCount ?? 0) > 0;
}

/**
 * An event's frame as sent, serialized once for all the sockets that see it unchanged (visibility
 * answers the event itself then): a broadcast to thousands of sockets costs one JSON.stringify.
 */
const frames = new WeakMap<LoggedEvent, string>();
function frameText(e: LoggedEvent): string {
  let text = frames.get(e);
  if (text === undefined) {
    text = JSON.stringify({ type: e.type, data: e.data, cursor: encodeCursor(e.locationId, e.seq) } satisfies SocketFrame);
    frames.set(e, text);
  }
  return text;
}

export const socketRoutes: RouteModule = (app, { pool, hub, config }) => {
  const publicOrigin = new URL(config.publicUrl).origin;

  app.get('/ws', {
    websocket: true,
    schema: {
      tags: ['realtime'],
      summary: 'WebSocket of real-time events; reconnect with ?since=<cursor> to replay what was missed',
      querystring: z.object({ since: z.string().max(100).optional() }),
    },
    // A browser sends cookies with cross-site WebSocket handshakes: only our own pages may use them.
    preValidation: async (req) => {
      const origin = req.headers.origin;
      if (req.auth.via !== 'session' || !origin) return;
      const host = req.headers.host;
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        /* "null" or garbage: refused below */
      }
      if (origin !== publicOrigin && !(host && originHost === host)) {
        throw new AppError(403, 'origin_refused', 'WebSocket connections with a session cookie must come from this app.');
      }
    },
  }, (socket: WebSocket, req) => {
      const { locationId, userId, sessionHash, apiKeyId } = req.auth;
      const since = (req.query as { since?: string }).since;
      let replaying = true;
      let buffer: LoggedEvent[] = [];
      const visibility = visibilityFor(pool, req.auth);

      const sendText = (text: string) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, 'client too slow; reconnect with since');
          return;
        }
        socket.send(text);
      };
      const send = (frame: SocketFrame) => sendText(JSON.stringify(frame));
      const sendEvent = (e: LoggedEvent, fromLog = false) => {
        if (e.seq <= sub.lastSeq) return true;
        if (e.seq !== sub.lastSeq + 1) {
          if (!fromLog) return false;
          // The log itself has no such event (pruned): the client cannot be brought up to date.
          send({ type: 'resync', cursor: encodeCursor(locationId, e.seq - 1) });
        }
        // An event this socket may not see still moves its cursor on (it is not a gap).
        const shown = visibility.event(e);
        if (shown) sendText(frameText(shown));
        sub.lastSeq = e.seq;
        return true;
      };

      /** Reads the log from lastSeq until it is exhausted, then drains what arrived meanwhile. */
      const catchUp = async () => {
        replaying = true;
        for (;;) {
          for (;;) {
            const events = await readEvents(pool, locationId, sub.lastSeq, 500);
            for (const e of events) sendEvent(e, true);
            if (events.length < 500) break;
          }
          const pending = buffer.filter((e) => e.seq > sub.lastSeq).sort((a, b) => a.seq - b.seq);
          buffer = [];
          let gap = false;
          for (const e of pending) if (!sendEvent(e) && e.seq > sub.lastSeq) gap = true;
          if (!gap && buffer.length === 0) break;
        }
        replaying = false;
      };

      const sub: Subscriber = {
        locationId,
        userId: userId ?? '',
        sessionHash,
        apiKeyId,
        lastSeq: -1, // until the starting point is read

        deliver: (e) => {
          if (e.seq <= sub.lastSeq) return;
          if (replaying) buffer.push(e);
          else if (!sendEvent(e)) {
            buffer.push(e);
            void catchUp().catch(fail);
          }
        },
        // Ephemeral, outside the sequence: sent as it comes, even during a replay.
        deliverTyping: (signal) => visibility.conversation(signal.conversationId) && send({ type: 'typing', data: signal }),
        deliverTeamSignal: (signal) => {
          if (!visibility.conversation(signal.conversationId)) return;
          if ('kind' in signal) {
            const { kind: _, ...data } = signal;
            send({ type: 'presence', data });
          } else send({ type: 'typing', data: signal });
        },
        close: (code, reason) => socket.close(code, reason),
      };
      const fail = (err: unknown) => {
        req.log.error({ err }, 'websocket replay failed');
        socket.close(1011, 'replay failed');
      };

      // Subscribe before reading anything, so events committed meanwhile are buffered, not lost.
      const unsubscribe = hub.subscribe(sub);
      const stopPing = keepAlive(socket, PING_EVERY_MS);
      // Access can end without a logout (expiry, removal): check it again now and then.
      const recheck = setInterval(() => {
        stillAllowed(pool, req.auth)
          .then((ok) => ok || socket.close(4001, 'access ended'))
          .catch(() => undefined);
      }, RECHECK_EVERY_MS);
      socket.on('close', () => {
        stopPing();
        clearInterval(recheck);
        unsubscribe();
      });
      socket.on('message', () => {}); // the feed is one-way for now

      void (async () => {
        await visibility.load();
        const head = await currentSeq(pool, locationId);
        const from = since === undefined ? head : decodeCursor(locationId, since);
        let resync = from === null || from > head;
        if (!resync && from! < head) {
          const first = await readEvents(pool, locationId, from!, 1);
          resync = !first[0] || first[0].seq !== from! + 1; // pruned: the client must reload
        }
        sub.lastSeq = resync ? head : from!;
        if (resync) send({ type: 'resync', cursor: encodeCursor(locationId, head) });
        await catchUp();
        send({ type: 'ready', cursor: encodeCursor(locationId, sub.lastSeq) });
      })().catch(fail);
  });
};
