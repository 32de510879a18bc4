/** The demo clinics' shared snippets: a few replies in folders, with merge fields, text and e-mail. */
import type { Tx } from '../db/tx';

const SNIPPETS: { name: string; folder: string | null; kind?: 'email'; subject?: string; body: string }[] = [
  { name: 'Aftercare — filler', folder: 'Aftercare', body: 'Hi {{contact.first_name}}, for the next 24 hours please avoid strenuous exercise, alcohol, saunas and hot showers. Some swelling is normal.' },
  { name: 'Aftercare — peel', folder: 'Aftercare', body: 'Hi {{contact.first_name}}, use SPF 50 every day this week and skip retinol and exfoliants until the peeling stops.' },
  { name: 'Booking link', folder: 'Booking', body: 'You can book your next visit at {{location.name}} online: https://book.example.com — or reply here and we will find a time.' },
  { name: 'Appointment reminder', folder: 'Booking', body: 'Hi {{contact.first_name}}, a reminder of your appointment on {{appointment.start_time}}. Reply C to confirm.' },
  { name: 'Running late', folder: null, body: 'No problem, {{contact.first_name}} — we will hold your slot for 15 minutes. See you soon!' },
  {
    name: 'Invoice e-mail',
    folder: 'Billing',
    kind: 'email',
    subject: 'Your invoice from {{location.name}}',
    body: 'Dear {{contact.name}},\n\nThank you for your visit. Your invoice is attached; reply to this e-mail with any question.\n\n{{user.name}}, {{location.name}}',
  },
];

export async function seedSnippets(tx: Tx, locationId: string, createdBy: string | null): Promise<number> {
  for (const s of SNIPPETS) {
    await tx.query(
      'INSERT INTO snippets (location_id, kind, name, subject, body, folder, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [locationId, s.kind ?? 'text', s.name, s.subject ?? null, s.body, s.folder, createdBy],
    );
  }
  return SNIPPETS.length;
}
