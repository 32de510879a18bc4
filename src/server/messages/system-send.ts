/**
 * A message the system sends on the team's behalf — an invoice's payment link, the automatic
 * answer to HELP — through the same rules and path as a reply (send-context.ts → the adapter's
 * prepare → recordMessage → the delivery job). A refusal is answered, not thrown: the caller says
 * why nothing was sent (an invoice card: "Payment link not sent: …").
 */
import type { Contact } from '#shared/contacts';
import type { Message, SendType } from '#shared/messages';
import type { RefusalCode } from '#shared/send-rules';
import type { Tx } from '../db/tx';
import { AppError } from '../http/errors';
import type { Deps } from '../http/types';
import { loadConversation } from '../conversations/queries';
import { ensureConversation } from '../conversations/service';
import { assertSendable } from './send-context';
import { recordSend } from './send';

export interface SystemSend {
  locationId: string;
  contact: Contact;
  type: SendType;
  body: string;
  /** The team member it is sent for (an invoice sent by them), else the system. */
  userId: string | null;
  /** Send from this number (the one the contact wrote to). */
  fromNumber?: string;
  /** An automatic reply (meta.automated; no opt-out line). */
  automated?: string;
}

export async function sendSystemMessage(tx: Tx, deps: Deps, s: SystemSend): Promise<{ message: Message } | { refused: { code: RefusalCode; message: string } }> {
  const conv = await ensureConversation(tx, s.locationId, s.contact.id);
  if (conv.created) tx.emit({ locationId: s.locationId, type: 'conversation.created', conversationId: conv.id, data: (await loadConversation(tx, s.locationId, conv.id))! });
  try {
    await assertSendable(tx, s.locationId, conv.id, s.contact, s.type);
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return { refused: { code: err.code as RefusalCode, message: err.message } };
    throw err;
  }
  const message = await recordSend(tx, deps, {
    locationId: s.locationId,
    conversationId: conv.id,
    contact: s.contact,
    userId: s.userId,
    input: { type: s.type, body: s.body, ...(s.fromNumber && { fromNumber: s.fromNumber }) },
    automated: s.automated,
  });
  return { message };
}
