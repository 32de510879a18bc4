/** Renaming in place: a text box with Save and Cancel; Enter saves, Escape cancels. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import './controls.css';

export function InlineRename({
  value,
  label,
  maxLength = 100,
  busy,
  onSave,
  onCancel,
}: {
  value: string;
  /** The text box's accessible name, e.g. "Name of the stage New Lead". */
  label: string;
  maxLength?: number;
  busy?: boolean;
  onSave(name: string): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.select(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = name.trim();
    if (!next) return;
    if (next === value) onCancel();
    else onSave(next);
  }

  return (
    <form className="inline-rename" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <input ref={ref} type="text" aria-label={label} value={name} maxLength={maxLength} required onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button small primary" disabled={busy || !name.trim()}>
        Save
      </button>
      <button type="button" className="button small" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
