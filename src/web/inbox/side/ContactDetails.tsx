/** The Contact tab: who the contact is (read or edit) and their Do Not Disturb settings. */
import { useState } from 'react';
import { ApiError, errorMessage } from '../../lib/api';
import { useContact } from '../../lib/queries';
import { Spinner } from '../../ui/Spinner';
import { ContactEditForm } from './ContactEditForm';
import { ContactSummary } from './ContactSummary';
import { DndSettings } from './DndSettings';

export function ContactDetails({ contactId }: { contactId: string }) {
  const contact = useContact(contactId);
  const [editing, setEditing] = useState(false);
  // Back from the form, focus returns to the Edit button that opened it.
  const [returned, setReturned] = useState(false);

  if (contact.isPending) return <Spinner label="Loading contact" />;
  if (contact.isError) {
    const gone = contact.error instanceof ApiError && contact.error.status === 404;
    return (
      <div className="empty-state sp-state" role="alert">
        <h2>{gone ? 'Contact not found' : 'Could not load the contact'}</h2>
        <p>{gone ? 'It may have been deleted.' : errorMessage(contact.error)}</p>
        {!gone && (
          <button type="button" className="button" onClick={() => void contact.refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const c = contact.data;
  return (
    <div className="sp-sections">
      {editing ? (
        <ContactEditForm
          contact={c}
          onDone={() => {
            setEditing(false);
            setReturned(true);
          }}
        />
      ) : (
        <ContactSummary contact={c} onEdit={() => setEditing(true)} focusEdit={returned} />
      )}
      <DndSettings contact={c} />
    </div>
  );
}
