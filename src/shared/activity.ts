/** Activity Cards: what a TYPE_ACTIVITY_* item carries in meta (no zod: the web app imports it). */
export type RecordType = 'opportunity' | 'appointment' | 'invoice' | 'payment' | 'contact';

export interface ActivityActor {
  type: 'user' | 'contact' | 'system' | 'provider';
  id?: string | null;
  name: string;
}

export interface ActivityMeta {
  /** created, updated, deleted, rescheduled, cancelled, confirmed, sent, paid, dnd_on, dnd_off… */
  action: string;
  /** The record the card's View button opens (it may have been deleted since). */
  record: { type: RecordType; id: string };
  actor: ActivityActor;
  /** For updates: field → {from, to}, as shown on the card. */
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** A snapshot for the card (title, time, amount…), so it reads well even after a delete. */
  details?: Record<string, unknown>;
}

export const VIEW_LABEL: Record<RecordType, string> = {
  opportunity: 'View Opportunity',
  appointment: 'View Appointment',
  invoice: 'View Invoice',
  payment: 'View Invoice',
  contact: 'View DND settings',
};
