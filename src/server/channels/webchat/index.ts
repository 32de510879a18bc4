/**
 * Web chat as a channel adapter. Built in: no connection (the widget is served by this server),
 * no provider to call — a reply is delivered as its transaction commits (the visitor's socket
 * follows the event log; #shared/channel-catalog: deliversOnCommit). Inbound, the widget's public
 * routes (plugin.ts: /widget.js, /widget/v1/{location}/…) hand visitors' messages to the core's
 * ingest; the team's side (api-routes.ts) sets the widget up and sends typing.
 */
import type { ChannelAdapter } from '../adapter';
import { webchatApiRoutes } from './api-routes';
import { webchatWidgetPlugin } from './plugin';

export const webchatAdapter: ChannelAdapter = {
  provider: 'webchat',
  label: 'Web chat',
  sendTypes: ['Live_Chat'],
  // The team's side under /api/v1: the widget's settings, typing to the visitor.
  apiRoutes: webchatApiRoutes,
  inbound: {
    routes: async (app, deps) => {
      await app.register(webchatWidgetPlugin(deps));
    },
  },
  outbound: {
    prepare: async () => ({ channelId: null, channel: {} }),
    // Never queued (delivered on commit); should a queued one exist, it is already where the visitor reads it.
    deliver: async (_deps, _conn, message) => ({ providerMessageId: message.id, status: 'sent' }),
    classify: (err) => ({ transient: false, code: 'webchat_failed', message: err instanceof Error ? err.message : String(err) }),
  },
};
