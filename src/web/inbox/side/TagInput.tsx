/** Tags as chips: type and press Enter (or comma) to add, the x on a chip removes it. */
import { X } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';

export function TagInput({ tags, onChange, invalid }: { tags: string[]; onChange(tags: string[]): void; invalid?: boolean }) {
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const add = () => {
    const tag = draft.trim().slice(0, 60);
    setDraft('');
    if (!tag || tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return;
    onChange([...tags, tag]);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    }
  };

  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        Tags
      </label>
      {tags.length > 0 && (
        <ul className="sp-chips" aria-label="Current tags">
          {tags.map((t) => (
            <li key={t} className="chip ti-chip">
              {t}
              <button type="button" className="ti-remove" aria-label={`Remove tag ${t}`} onClick={() => {
                  onChange(tags.filter((x) => x !== t));
                  inputRef.current?.focus();
                }}
              >
                <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        value={draft}
        placeholder="Add a tag and press Enter"
        maxLength={60}
        aria-invalid={invalid || undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
        onBlur={add}
      />
    </div>
  );
}
