/**
 * MMS media of an inbound message, downloaded by the core's inbound media job
 * (messages/inbound-media.ts): by SID from the configured API base, through the outbound-fetch
 * guard (download.ts), at most 5 MB a file. What will not change on a retry (too large, refused,
 * another 4xx) is answered as a refusal named on the message; the rest is thrown for the queue.
 */
import type { Deps } from '../../http/types';
import type { MediaRef } from '../../messages/envelope';
import { OutboundFetchError } from '../../net/outbound-fetch';
import type { Connection, Downloaded } from '../adapter';
import { asTwilio } from './connection';
import { downloadTwilioMedia, retryLater } from './download';

const MAX_MMS_BYTES = 5 * 1024 * 1024;

export async function downloadMedia(deps: Deps, conn: Connection, ref: MediaRef, item: { providerMessageId: string }): Promise<Downloaded | { refused: string }> {
  const name = ref.fileName ?? 'A file';
  try {
    const bytes = await downloadTwilioMedia(deps.config.providers.twilio, asTwilio(conn), { kind: 'mms', messageSid: item.providerMessageId, mediaSid: ref.ref }, MAX_MMS_BYTES);
    return { bytes, fileName: ref.fileName, contentType: ref.contentType };
  } catch (err) {
    if (retryLater(err)) throw err; // the queue tries again with back-off
    return { refused: err instanceof OutboundFetchError && err.kind === 'too_large' ? `${name} is larger than 5 MB` : `${name} could not be fetched from Twilio` };
  }
}
