/** "Visitor is typing…" / "Jordan is typing…" on a line under the thread (reserved: no layout shift). */
import { useTypingPeople } from './useTyping';
import './typing.css';

const first = (name: string) => name.split(' ')[0] || name;

export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${first(names[0])} is typing…`;
  if (names.length === 2) return `${first(names[0])} and ${first(names[1])} are typing…`;
  return 'Several people are typing…';
}

export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const text = typingText(useTypingPeople(conversationId));
  // The status region stays in the DOM so screen readers announce each change.
  return (
    <p className="typing-indicator" role="status" aria-live="polite">
      {text && (
        <>
          <span className="typing-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </p>
  );
}
