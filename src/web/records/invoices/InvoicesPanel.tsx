/** Placeholder: the contact's invoices (issue 5). */
export function InvoicesPanel({ contactId: _contactId }: { contactId: string }) {
  return <p className="muted">No invoices yet.</p>;
}
