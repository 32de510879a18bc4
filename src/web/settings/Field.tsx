/** A labelled form control with its hint or error below it, linked for assistive technology. */
import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children(props: ControlProps): ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className="field">
      <label htmlFor={id} className="settings-label">
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': note ? noteId : undefined })}
      {note && (
        <span id={noteId} className={error ? 'settings-field-error' : 'settings-field-hint muted'} role={error ? 'alert' : undefined}>
          {note}
        </span>
      )}
    </div>
  );
}
