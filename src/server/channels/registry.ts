import type { SendType } from '#shared/messages';
import type { Queryable } from '../db/pool';

/**
 * Which send types a location can use. Web chat is built in (replies reach the visitor's widget);
 * provider channels (Twilio, e-mail, Meta, WhatsApp, Google) are connected per location by the
 * channel adapters — none is connected yet, so those answer `channel_not_connected`.
 */
export async function isChannelConnected(_db: Queryable, _locationId: string, type: SendType): Promise<boolean> {
  return type === 'Live_Chat';
}

/** Built-in channels deliver on commit (the widget is live); provider ones are queued. */
export const deliversOnCommit = (type: SendType) => type === 'Live_Chat';
