/**
 * A destructive action with an inline confirm step: the trigger turns into the question, a confirm
 * button and Cancel. Focus moves to the confirm button when asked and back to the trigger when
 * cancelled; Escape cancels. The question shows as a bar: hosts give it a line of its own
 * (the .is-confirming class, see controls.css).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import './controls.css';

export function ConfirmAction({
  trigger,
  triggerLabel,
  triggerClass = 'button small danger',
  question,
  confirmLabel,
  disabled,
  onConfirm,
  onAsking,
}: {
  /** What the trigger shows (text, or an icon with triggerLabel). */
  trigger: ReactNode;
  triggerLabel?: string;
  triggerClass?: string;
  /** The question, e.g. "Delete “Botox”?" (and what it means). */
  question: ReactNode;
  confirmLabel: string;
  disabled?: boolean;
  onConfirm(): void;
  /** Told when the confirm step opens and closes (the host makes room for it on its own line). */
  onAsking?(asking: boolean): void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    onAsking?.(asking);
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className={triggerClass} disabled={disabled} aria-label={triggerLabel} title={triggerLabel} onClick={() => setAsking(true)}>
        {trigger}
      </button>
    );
  }
  return (
    <div
      className="confirm-action"
      role="group"
      aria-label={`Confirm: ${confirmLabel}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span className="confirm-question">{question}</span>
      <span className="confirm-buttons">
        <button
          ref={confirmRef}
          type="button"
          className="button small danger"
          disabled={disabled}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button small" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    </div>
  );
}
