/** A short list of text values (other phones, other e-mails) with add and remove. */
import { Plus, X } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';

export function EditableList({
  label,
  itemLabel,
  type,
  values,
  onChange,
  invalid = [],
  max = 10,
}: {
  label: string;
  /** One item, for accessible names: "Other phone" → "Other phone 2", "Remove other phone 2". */
  itemLabel: string;
  type: 'tel' | 'email';
  values: string[];
  onChange(values: string[]): void;
  /** Indexes the server refused. */
  invalid?: number[];
  max?: number;
}) {
  const headingId = useId();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const addRef = useRef<HTMLButtonElement>(null);
  const focusLast = useRef(false);

  useEffect(() => {
    if (focusLast.current) inputs.current[values.length - 1]?.focus();
    focusLast.current = false;
  }, [values.length]);

  const remove = (i: number) => {
    onChange(values.filter((_, j) => j !== i));
    addRef.current?.focus();
  };

  return (
    <div className="field" role="group" aria-labelledby={headingId}>
      <span id={headingId}>{label}</span>
      {values.length > 0 && (
        <ul className="el-list">
          {values.map((v, i) => (
            <li key={i} className="el-row">
              <input
                ref={(el) => {
                  inputs.current[i] = el;
                }}
                type={type}
                value={v}
                aria-label={`${itemLabel} ${i + 1}`}
                aria-invalid={invalid.includes(i) || undefined}
                autoComplete="off"
                onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <button type="button" className="icon-button" aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`} title="Remove" onClick={() => remove(i)}>
                <X size={14} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div>
        <button
          ref={addRef}
          type="button"
          className="button small"
          disabled={values.length >= max}
          onClick={() => {
            focusLast.current = true;
            onChange([...values, '']);
          }}
        >
          <Plus size={13} aria-hidden="true" /> Add {itemLabel.replace(/^Other /, '').toLowerCase()}
        </button>
      </div>
    </div>
  );
}
