/**
 * Web chat as a channel adapter. Built in: no connection (the widget is served by this server),
 * no provider to call — a reply is delivered as its transaction commits (the visitor's socket
 * follows the event log; #shared/channel-catalog: deliversOnCommit). Inbound, the widget's public
 * routes (webchat/plugin.ts) hand visitors' messages to the core.
 */
import type { ChannelAdapter } from '../adapter';
import { webchatWidgetPlugin } from '../../webchat/plugin';

export const webchatAdapter: ChannelAdapter = {
  provider: 'webchat',
  label: 'Web chat',
  sendTypes: ['Live_Chat'],
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
