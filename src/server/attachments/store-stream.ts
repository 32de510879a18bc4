/**
 * Stores a download as it arrives (large files never sit in memory): answers its size, sha256 and
 * first bytes (enough for the content check of binary types, file-types.ts). Nothing is stored
 * when the stream fails.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Storage } from './storage';

const HEAD_BYTES = 64 * 1024;

export async function storeStream(storage: Storage, key: string, source: Readable): Promise<{ size: number; sha256: string; head: Buffer }> {
  const hash = crypto.createHash('sha256');
  const head: Buffer[] = [];
  let size = 0;
  async function* tap() {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (size < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - size));
      size += chunk.length;
      yield chunk;
    }
  }
  await storage.putStream(key, tap());
  return { size, sha256: hash.digest('hex'), head: Buffer.concat(head) };
}
