/**
 * GET /widget/v1/{locationId}/ws?token=…: the visitor's live feed. It listens to the location's
 * events like an agent socket does, but passes on only the web chat messages of the visitor's own
 * conversation (their own too, so several tabs agree) and the team's typing there. There is no
 * replay: after `ready` the widget fetches what it missed (messages after its last id).
 */
import { keepAlive } from '../../realtime/heartbeat';
import type {} from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Message } from '#shared/messages';
import type { WidgetFrame } from '#shared/webchat';
import type { App, Deps } from '../../http/types';
import { currentSeq } from '../../realtime/event-log';
import type { Subscriber } from '../../realtime/hub';
import { visitorOf } from './guard';
import { LIMITS } from './limits';
import { LIVE_CHAT, widgetMessageFromEvent } from './messages';
import type { Visitor } from './visitors';

const PING_EVERY_MS = 25_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    visitor?: Visitor;
  }
}

export function visitorSocketRoute(app: App, { pool, hub }: Deps): void {
  app.get('/widget/v1/:locationId/ws', {
    websocket: true,
    config: { widgetLimits: [LIMITS.socket] },
    schema: {
      tags: ['web chat widget'],
      summary: 'WebSocket of the visitor’s conversation: {type:"message"}, {type:"typing"}, {type:"ready"}',
      params: z.object({ locationId: z.uuid() }),
      querystring: z.object({ token: z.string().max(200) }),
    },
    // Refused before the upgrade: a bad token is a plain 401.
    preValidation: async (req) => {
      req.visitor = await visitorOf(req, pool);
    },
  }, (socket: WebSocket, req) => {
    const visitor = req.visitor!;
    const { locationId } = visitor;
    let conversationId = visitor.conversationId;
    let contactId = visitor.contactId;
    const names = new Map<string, Promise<string | null>>();
    // Frames leave in event order even when a name has to be looked up first.
    let chain: Promise<void> = Promise.resolve();

    const send = (frame: WidgetFrame) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return void socket.close(1013, 'client too slow; reconnect');
      socket.send(JSON.stringify(frame));
    };
    const agentName = (userId: string | null) => {
      if (!userId) return Promise.resolve(null);
      if (!names.has(userId)) {
        names.set(userId, pool.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [userId]).then((r) => r.rows[0]?.name ?? null));
      }
      return names.get(userId)!;
    };
    const mine = (m: Message) => {
      if (m.messageType !== LIVE_CHAT || m.status === 'scheduled' || m.status === 'canceled') return false;
      // The first message creates the conversation: recognise it by the visitor id it carries.
      if (!conversationId && m.direction === 'inbound' && m.channel.visitorId === visitor.id) {
        conversationId = m.conversationId;
        contactId = m.contactId;
      }
      return m.conversationId === conversationId && m.contactId === contactId;
    };

    const sub: Subscriber = {
      locationId,
      userId: '',
      lastSeq: 0, // set to the location's head before subscribing: nothing older is wanted
      deliver: (e) => {
        if (e.seq <= sub.lastSeq) return;
        sub.lastSeq = e.seq;
        if (e.type !== 'message.created' && e.type !== 'message.updated') return;
        const m = e.data as Message;
        if (!mine(m)) return;
        chain = chain
          .then(async () => send({ type: 'message', message: widgetMessageFromEvent(locationId, m, await agentName(m.userId)) }))
          .catch((err) => req.log.warn({ err }, 'widget frame failed'));
      },
      deliverTyping: (s) => {
        if (s.conversationId !== conversationId || s.who === 'visitor') return;
        send({ type: 'typing', name: s.name, typing: s.typing });
      },
      close: (code, reason) => socket.close(code, reason),
    };

    let unsubscribe = () => {};
    const stopPing = keepAlive(socket, PING_EVERY_MS);
    socket.on('message', () => {}); // one-way: the widget speaks HTTP
    socket.on('close', () => {
      stopPing();
      unsubscribe();
    });

    void (async () => {
      sub.lastSeq = await currentSeq(pool, locationId);
      if (socket.readyState !== socket.OPEN) return;
      unsubscribe = hub.subscribe(sub);
      send({ type: 'ready' });
    })().catch((err) => {
      req.log.error({ err }, 'widget socket failed');
      socket.close(1011, 'try again');
    });
  });
}
