import { withTx } from '../../src/server/db/tx';
import type { Pool } from '../../src/server/db/pool';
import { recordMessage, type NewMessage } from '../../src/server/messages/record';
import type { ApiClient } from './client';

/**
 * Stands in for a provider webhook until channel adapters exist: writes a timeline item through
 * the same recordMessage path the adapters use.
 */
export async function deliver(pool: Pool, m: Partial<NewMessage> & Pick<NewMessage, 'locationId' | 'contactId'>) {
  return withTx(pool, (tx) =>
    recordMessage(tx, {
      messageType: 'TYPE_SMS',
      direction: 'inbound',
      status: 'received',
      body: 'Hello from the client',
      ...m,
    }),
  );
}

let n = 0;
/** A contact created over the API, with a unique phone. */
export async function newContact(api: ApiClient, extra: Record<string, unknown> = {}) {
  n += 1;
  const phone = `+1212${String(2000000 + ((process.pid * 7919 + n * 104729) % 7000000)).padStart(7, '0')}`;
  const res = await api.post('/api/v1/contacts', { firstName: 'Client', lastName: `No${n}`, phone, ...extra });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; phone: string };
}
