/**
 * "Leave your details": name, e-mail and phone are kept on the visitor; the name names their contact,
 * the e-mail and phone reach it only as unverified web chat details (see contact.ts). The phone is
 * read in the location's country.
 */
import type { VisitorProfile } from '#shared/webchat';
import type { Pool } from '../../db/pool';
import { withTx } from '../../db/tx';
import { normalizePhoneOrThrow } from '../../contacts/phone';
import { updateVisitorContact } from './contact';
import { lockVisitor, type Visitor } from './visitors';

export async function updateVisitorProfile(
  pool: Pool,
  visitor: Visitor,
  country: string,
  input: { name?: string; email?: string; phone?: string },
): Promise<VisitorProfile> {
  const phone = input.phone ? normalizePhoneOrThrow(input.phone, country, 'body.phone') : undefined;
  return withTx(pool, async (tx) => {
    const v = await lockVisitor(tx, visitor.locationId, visitor.id);
    const r = await tx.query<VisitorProfile>(
      `UPDATE webchat_visitors SET name = coalesce($3, name), email = coalesce($4, email), phone = coalesce($5, phone)
        WHERE location_id = $1 AND id = $2 RETURNING name, email, phone`,
      [v.locationId, v.id, input.name ?? null, input.email ?? null, phone ?? null],
    );
    if (v.contactId) await updateVisitorContact(tx, v.locationId, v.contactId, { name: input.name, email: input.email, phone });
    return r.rows[0];
  });
}
