import { DND_CHANNELS, type Contact, type DndSettings } from '#shared/contacts';

export const CONTACT_COLUMNS = `id, first_name, last_name, phone, email, additional_phones, additional_emails, tags, dnd,
  dnd_settings, inbound_dnd, owner_id, source, web_chat_details, created_at, updated_at`;

export function displayName(r: { first_name?: string | null; last_name?: string | null; phone?: string | null; email?: string | null }): string {
  const full = [r.first_name, r.last_name].filter(Boolean).join(' ').trim();
  return full || r.phone || r.email || 'Unknown contact';
}

export function fullDndSettings(stored: Partial<DndSettings> | null | undefined): DndSettings {
  const out = {} as DndSettings;
  for (const c of DND_CHANNELS) out[c] = stored?.[c] ?? { status: 'inactive' };
  return out;
}

export function toContact(r: any): Contact {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    name: displayName(r),
    phone: r.phone,
    email: r.email,
    additionalPhones: r.additional_phones,
    additionalEmails: r.additional_emails,
    tags: r.tags,
    dnd: r.dnd,
    dndSettings: fullDndSettings(r.dnd_settings),
    inboundDnd: r.inbound_dnd,
    ownerId: r.owner_id,
    source: r.source,
    webChatDetails: r.web_chat_details ? { email: r.web_chat_details.email ?? null, phone: r.web_chat_details.phone ?? null } : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
