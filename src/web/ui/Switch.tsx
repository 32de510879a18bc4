import './switch.css';

/** An on/off control: a real button with role="switch", operable with Space and Enter. */
export function Switch({
  id,
  checked,
  onChange,
  label,
  disabled,
  describedBy,
  tone = 'accent',
}: {
  id?: string;
  checked: boolean;
  onChange(next: boolean): void;
  /** The accessible name, e.g. "SMS Do Not Disturb". */
  label: string;
  disabled?: boolean;
  describedBy?: string;
  /** 'danger' for switches whose "on" blocks something (Do Not Disturb). */
  tone?: 'accent' | 'danger';
}) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      className={`switch switch-${tone}`}
      onClick={() => onChange(!checked)}
    >
      <span className="switch-thumb" aria-hidden="true" />
    </button>
  );
}
