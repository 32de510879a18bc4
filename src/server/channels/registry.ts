import type { SendType } from '#shared/messages';
import type { Queryable } from '../db/pool';

/**
 * Which send types a location can use. Web chat is built in (replies reach the visitor's widget);
 * SMS needs a connected Twilio number; the other provider channels are not available yet.
 */
export async function isChannelConnected(db: Queryable, locationId: string, type: SendType): Promise<boolean> {
  if (type === 'Live_Chat') return true;
  if (type === 'SMS') {
    const r = await db.query(`SELECT 1 FROM channels WHERE location_id = $1 AND type = 'twilio' LIMIT 1`, [locationId]);
    return (r.rowCount ?? 0) > 0;
  }
  return false;
}

/** Built-in channels deliver on commit (the widget is live); provider ones are queued. */
export const deliversOnCommit = (type: SendType) => type === 'Live_Chat';
