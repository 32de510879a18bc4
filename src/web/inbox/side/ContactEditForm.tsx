/** Editing who the contact is: names, phones, e-mails and tags, saved in one PATCH. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Contact, ContactPatch } from '#shared/contacts';
import { patch } from '../../lib/api';
import { upsertContact } from '../../lib/cache';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { EditableList } from './EditableList';
import { TagInput } from './TagInput';

const LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  email: 'E-mail',
  additionalPhones: 'Other phone',
  additionalEmails: 'Other e-mail',
  tags: 'Tag',
};

/** "additionalPhones.1" → "Other phone 2" */
function fieldLabel(key: string): string {
  const [name, index] = key.split('.');
  const label = LABELS[name] ?? name;
  return index !== undefined && /^\d+$/.test(index) ? `${label} ${Number(index) + 1}` : label;
}

const clean = (list: string[]) => list.map((v) => v.trim()).filter(Boolean);
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function ContactEditForm({ contact, onDone }: { contact: Contact; onDone(): void }) {
  const qc = useQueryClient();
  const id = useId();
  const [firstName, setFirstName] = useState(contact.firstName ?? '');
  const [lastName, setLastName] = useState(contact.lastName ?? '');
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [phones, setPhones] = useState(contact.additionalPhones);
  const [emails, setEmails] = useState(contact.additionalEmails);
  const [tags, setTags] = useState(contact.tags);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function changes(): ContactPatch {
    const text = (v: string) => v.trim() || null;
    const p: ContactPatch = {};
    if (text(firstName) !== (contact.firstName || null)) p.firstName = text(firstName);
    if (text(lastName) !== (contact.lastName || null)) p.lastName = text(lastName);
    if (text(phone) !== contact.phone) p.phone = text(phone);
    if (text(email) !== contact.email) p.email = text(email);
    if (!sameList(clean(phones), contact.additionalPhones)) p.additionalPhones = clean(phones);
    if (!sameList(clean(emails), contact.additionalEmails)) p.additionalEmails = clean(emails);
    if (!sameList(tags, contact.tags)) p.tags = tags;
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Empty rows go away first, so the server's "additionalPhones.1" matches the row shown.
    setPhones(clean(phones));
    setEmails(clean(emails));
    const change = changes();
    if (Object.keys(change).length === 0) return onDone();
    setBusy(true);
    setError(null);
    try {
      upsertContact(qc, await patch<Contact>(`/contacts/${contact.id}`, change));
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  const invalidAt = (name: string) =>
    Object.keys(fields)
      .filter((k) => k.startsWith(`${name}.`))
      .map((k) => Number(k.split('.')[1]));
  const errorId = `${id}-error`;
  const described = (name: string) => (fields[name] ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});

  return (
    <form
      className="sp-section ce-form"
      onSubmit={submit}
      noValidate
      aria-label={`Edit ${contact.name}`}
      onKeyDown={(e) => e.key === 'Escape' && !busy && onDone()}
    >
      <h2 className="sp-title">Edit contact</h2>
      <div className="ce-names">
        <label className="field">
          <span>First name</span>
          <input type="text" value={firstName} onChange={(e) => setFirstName(e.target.value)} autoFocus autoComplete="off" {...described('firstName')} />
        </label>
        <label className="field">
          <span>Last name</span>
          <input type="text" value={lastName} onChange={(e) => setLastName(e.target.value)} autoComplete="off" {...described('lastName')} />
        </label>
      </div>
      <label className="field">
        <span>Phone</span>
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" {...described('phone')} />
      </label>
      <label className="field">
        <span>E-mail</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" {...described('email')} />
      </label>
      <EditableList label="Other phones" itemLabel="Other phone" type="tel" values={phones} onChange={setPhones} invalid={invalidAt('additionalPhones')} />
      <EditableList label="Other e-mails" itemLabel="Other e-mail" type="email" values={emails} onChange={setEmails} invalid={invalidAt('additionalEmails')} />
      <TagInput tags={tags} onChange={setTags} invalid={invalidAt('tags').length > 0} />
      {error != null && (
        <p className="form-error" role="alert" id={errorId}>
          {plainError(error, fieldLabel)}
        </p>
      )}
      <div className="ce-actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
