/**
 * Rate limits of the widget's public API, counted in PostgreSQL so they hold across every server
 * process (http/shared-limit.ts). Two layers, both in plugin.ts's hooks:
 * - every request to /widget/v1/{locationId}/… counts against its client IP first
 *   (WIDGET_IP_RATE_LIMIT a minute), before the location or the visitor token is looked up — so
 *   made-up tokens or location ids cost a bot its address's budget, not our database;
 * - then each route's own limits (`config.widgetLimits`): per visitor token where there is one
 *   (a token that turns out invalid is refused with 401 right after), per client IP otherwise.
 */
import type { FastifyRequest } from 'fastify';
import type { SharedLimit } from '../../http/shared-limit';
import { hashToken, visitorTokenOf } from './visitors';

export interface WidgetLimit extends SharedLimit {
  key(req: FastifyRequest): string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Limits this widget route counts a request against (plugin.ts). */
    widgetLimits?: WidgetLimit[];
  }
}

const byVisitor = (req: FastifyRequest) => {
  const token = visitorTokenOf(req.headers, req.query);
  return token ? `visitor:${hashToken(token).toString('base64url')}` : `ip:${req.ip}`;
};
const byIp = (req: FastifyRequest) => `ip:${req.ip}`;

const perMinute = (name: string, max: number, key: WidgetLimit['key']): WidgetLimit => ({ name: `widget-${name}`, max, windowSeconds: 60, key });

/** Every widget API request of one client IP (the limit before any lookup). */
export const widgetIpLimit = (max: number): SharedLimit => ({ name: 'widget-ip', max, windowSeconds: 60 });

export const LIMITS = {
  /** New visitors per IP (a bot creating tokens). */
  createVisitor: perMinute('create-visitor', 20, byIp),
  config: perMinute('config', 120, byIp),
  /** Messages per visitor: a person types far fewer. */
  send: perMinute('send', 30, byVisitor),
  read: perMinute('read', 120, byVisitor),
  profile: perMinute('profile', 10, byVisitor),
  typing: perMinute('typing', 60, byVisitor),
  /** Files per visitor, and per IP (new visitors are cheap to make): a person sends a few photos. */
  upload: perMinute('upload', 10, byVisitor),
  uploadPerIp: perMinute('upload-ip', 30, byIp),
  /** File downloads (the widget keeps what it fetched for the page's life). */
  download: perMinute('download', 120, byVisitor),
  /** WebSocket handshakes (the widget reconnects with back-off). */
  socket: perMinute('socket', 30, byVisitor),
};
