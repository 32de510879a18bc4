/**
 * @mentions in the Internal comment tab: typing "@" lists the team (filtered by what follows, by
 * first or last name or e-mail); Enter, Tab or a click inserts "@Full Name". On sending, every
 * "@Full Name" of a team member becomes the API's mention syntax @[Full Name](userId), so a
 * restored draft or a hand-typed name mentions just as well; the server notifies them.
 */
import { useId, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { useCaretAfter } from '../../lib/useCaretAfter';
import { encodeMentions } from '#shared/mentions';
import type { TeamMember } from '#shared/team';
import { useTeam } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { Avatar } from '../../ui/Avatar';
import './mentions.css';

function matches(m: TeamMember, q: string): boolean {
  if (!q) return true;
  const query = q.toLowerCase();
  const name = m.name.toLowerCase();
  return name.startsWith(query) || name.split(/\s+/).some((w) => w.startsWith(query)) || m.email.toLowerCase().startsWith(query);
}

export function useMentions(textRef: RefObject<HTMLTextAreaElement | null>, text: string, setText: (t: string) => void, enabled: boolean) {
  const team = useTeam().data;
  const myId = useSession().me.user?.id;
  const listId = useId();
  const [query, setQuery] = useState<{ start: number; q: string } | null>(null);
  const placeCaret = useCaretAfter(textRef, text);
  const [active, setActive] = useState(0);
  const found = useMemo(
    () => (query && enabled ? (team ?? []).filter((m) => m.id !== myId && matches(m, query.q)).slice(0, 8) : []),
    [query, enabled, team, myId],
  );
  const open = found.length > 0;

  /** Looks for "@…" just before the caret (after a space or at the start; one space allowed: "@Jordan L"). */
  function detect(el: HTMLTextAreaElement) {
    const caret = el.selectionStart ?? el.value.length;
    const m = enabled && el.selectionEnd === caret ? /(?:^|\s)@([^\s@[\]]{0,30}(?: [^\s@[\]]{0,30})?)$/.exec(el.value.slice(0, caret)) : null;
    if (!m) return setQuery(null);
    setQuery((prev) => (prev?.q === m[1] ? prev : { start: caret - m[1].length - 1, q: m[1] }));
    setActive(0);
  }

  function choose(member: TeamMember) {
    const el = textRef.current;
    if (!query || !el) return;
    const caret = el.selectionStart ?? text.length;
    const insert = `@${member.name} `;
    setText(text.slice(0, query.start) + insert + text.slice(caret));
    setQuery(null);
    placeCaret(query.start + insert.length);
  }

  /** Handles the key when the list is open (true: handled, the composer must ignore it). */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
    else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') choose(found[Math.min(active, found.length - 1)]);
    else if (e.key === 'Escape') setQuery(null);
    else return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  }

  const optionId = (i: number) => `${listId}-${i}`;
  const inputProps = {
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(Math.min(active, found.length - 1)) : undefined,
    onKeyUp: (e: KeyboardEvent<HTMLTextAreaElement>) => ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) && detect(e.currentTarget),
    onBlur: () => setQuery(null),
  };

  const popup = open ? (
    <ul className="mention-list" id={listId} role="listbox" aria-label="Mention a team member">
      {found.map((m, i) => (
        <li
          key={m.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => setActive(i)}
          onClick={() => choose(m)}
        >
          <Avatar name={m.name} size={22} />
          <span className="mention-name">{m.name}</span>
          <span className="mention-email">{m.email}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return {
    /** The text as the API wants it (call when sending a comment). */
    encode: (t: string) => encodeMentions(t, team ?? []),
    detect,
    onKeyDown,
    inputProps,
    popup,
  };
}
