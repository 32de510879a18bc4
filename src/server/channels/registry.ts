/** The channel adapters, a plain static list, and what a location can send through them. */
import type { SendType } from '#shared/messages';
import type { Queryable } from '../db/pool';
import type { ChannelAdapter } from './adapter';
import { twilioAdapter } from './twilio';

export const ADAPTERS: readonly ChannelAdapter[] = [twilioAdapter];

export const adapterFor = (type: SendType): ChannelAdapter | undefined => ADAPTERS.find((a) => a.sendTypes.includes(type));

/** Web chat is built in (replies reach the visitor's widget); other types need a connected channel. */
export async function isChannelConnected(db: Queryable, locationId: string, type: SendType): Promise<boolean> {
  if (type === 'Live_Chat') return true;
  const adapter = adapterFor(type);
  if (!adapter) return false;
  const r = await db.query('SELECT 1 FROM channels WHERE location_id = $1 AND type = $2 LIMIT 1', [locationId, adapter.type]);
  return (r.rowCount ?? 0) > 0;
}

/** Built-in channels deliver on commit (the widget is live); provider ones are queued. */
export const deliversOnCommit = (type: SendType) => type === 'Live_Chat';
