/** "Jordan is viewing": the other team members who have this conversation open right now. */
import { Avatar } from '../../ui/Avatar';
import { usePresence } from './usePresence';

const first = (name: string) => name.split(' ')[0] || name;

export function viewingText(names: string[]): string {
  if (names.length === 1) return `${first(names[0])} is viewing`;
  if (names.length === 2) return `${first(names[0])} and ${first(names[1])} are viewing`;
  return `${first(names[0])} and ${names.length - 1} others are viewing`;
}

export function PresenceAvatars({ conversationId }: { conversationId: string }) {
  const viewers = usePresence(conversationId);
  const text = viewers.length ? viewingText(viewers.map((v) => v.name)) : '';
  return (
    <span className="ch-presence" role="status" aria-live="polite" title={viewers.map((v) => v.name).join(', ')}>
      {viewers.length > 0 && (
        <>
          <span className="ch-presence-faces" aria-hidden="true">
            {viewers.slice(0, 3).map((v) => (
              <Avatar key={v.id} name={v.name} size={22} title={`${v.name} is viewing`} />
            ))}
          </span>
          <span className="ch-presence-text">{text}</span>
        </>
      )}
    </span>
  );
}
