/**
 * MMS media of an inbound message, downloaded by the core's inbound media job
 * (messages/inbound-media.ts) with the number's credentials; at most 5 MB a file.
 */
import type { Deps } from '../../http/types';
import type { MediaRef } from '../../messages/envelope';
import type { Connection, Downloaded } from '../adapter';
import { asTwilio } from './connection';

const MAX_MMS_BYTES = 5 * 1024 * 1024;

export async function downloadMedia(_deps: Deps, conn: Connection, ref: MediaRef): Promise<Downloaded | { refused: string }> {
  const channel = asTwilio(conn);
  const res = await fetch(ref.ref, {
    headers: { authorization: `Basic ${Buffer.from(`${channel.accountSid}:${channel.authToken}`).toString('base64')}` },
    signal: AbortSignal.timeout(20_000),
  });
  if (!res.ok) throw new Error(`media ${ref.ref} answered ${res.status}`); // retried by the queue
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_MMS_BYTES) return { refused: `${ref.fileName ?? 'A file'} is larger than 5 MB` };
  return { bytes, fileName: ref.fileName, contentType: ref.contentType };
}
