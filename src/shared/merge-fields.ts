/**
 * Merge fields a reply or snippet may contain, written {{contact.first_name}}. They are resolved
 * on the server when the message is sent; an unknown field or one without a value for the contact
 * is reported (422 merge_field_unknown / merge_field_empty), never sent raw.
 */
export const MERGE_FIELDS = [
  { field: 'contact.first_name', label: 'Contact first name' },
  { field: 'contact.last_name', label: 'Contact last name' },
  { field: 'contact.name', label: 'Contact full name' },
  { field: 'contact.email', label: 'Contact e-mail' },
  { field: 'contact.phone', label: 'Contact phone' },
  { field: 'user.name', label: 'Your name' },
  { field: 'location.name', label: 'Clinic name' },
  { field: 'appointment.start_time', label: 'Next appointment time' },
] as const;

export type MergeField = (typeof MERGE_FIELDS)[number]['field'];

export const MERGE_FIELD_NAMES: readonly string[] = MERGE_FIELDS.map((f) => f.field);

/** A problem found in a text: a field we do not know, or one with no value for this contact. */
export interface MergeProblem {
  field: string;
  problem: 'unknown' | 'empty';
  message: string;
}
