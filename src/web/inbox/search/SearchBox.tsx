/**
 * The Message Panel's search box ("/" focuses it). What is typed filters the conversation list
 * below, and a results panel shows the best matching contacts and messages: arrows move, Enter
 * opens (a contact's conversation, or a message's conversation scrolled to that message), Escape
 * closes the panel (again: clears the box). Enter with no result chosen keeps the filtered list.
 */
import { Search, X } from 'lucide-react';
import { forwardRef, useMemo, useState, type KeyboardEvent } from 'react';
import type { Conversation } from '#shared/conversations';
import { errorMessage, post } from '../../lib/api';
import { useSession } from '../../lib/session';
import { requestJump } from './jump';
import { optionId, RESULTS_ID, SearchResults, type SearchOption } from './SearchResults';
import { MIN_CHARS, useSearch } from './useSearch';
import './search.css';

interface Props {
  value: string;
  onChange(value: string): void;
  onOpenConversation(id: string): void;
}

export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox({ value, onChange, onOpenConversation }, ref) {
  const { timeZone } = useSession();
  const search = useSearch(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo<SearchOption[]>(
    () => [
      ...(search.data?.contacts ?? []).map((hit) => ({ kind: 'contact' as const, hit })),
      ...(search.data?.messages ?? []).map((hit) => ({ kind: 'message' as const, hit })),
    ],
    [search.data],
  );
  const showPanel = open && value.trim().length >= MIN_CHARS;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  async function choose(o: SearchOption, input: HTMLInputElement | null) {
    setError(null);
    try {
      if (o.kind === 'message') {
        requestJump(o.hit.message.conversationId, o.hit.message.id);
        onOpenConversation(o.hit.message.conversationId);
      } else {
        const id = o.hit.conversationId ?? (await post<Conversation>('/conversations', { contactId: o.hit.contact.id })).id;
        onOpenConversation(id);
      }
      close();
      input?.blur();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!showPanel) return setOpen(true);
      const n = options.length;
      if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (showPanel && active >= 0 && options[active]) void choose(options[active], input);
      else close();
    } else if (e.key === 'Escape') {
      // Handled here, not by the inbox shortcuts (which would leave the box).
      e.preventDefault();
      e.stopPropagation();
      if (showPanel) close();
      else if (value) onChange('');
      else input.blur();
    }
  }

  return (
    <div className="mp-search search-box">
      <Search size={15} aria-hidden="true" />
      <input
        ref={ref}
        type="search"
        placeholder="Search contacts and messages"
        aria-label="Search conversations"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showPanel}
        aria-controls={RESULTS_ID}
        aria-activedescendant={showPanel && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
          setError(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {value && (
        <button type="button" className="icon-button" aria-label="Clear search" onMouseDown={(e) => e.preventDefault()} onClick={() => onChange('')}>
          <X size={14} aria-hidden="true" />
        </button>
      )}
      {showPanel && (
        <SearchResults
          q={search.q}
          options={options}
          active={active}
          loading={search.isFetching || (search.q !== value.trim() && !search.data)}
          error={error ?? (search.isError ? errorMessage(search.error) : null)}
          timeZone={timeZone}
          onHover={setActive}
          onChoose={(o) => void choose(o, document.activeElement instanceof HTMLInputElement ? document.activeElement : null)}
        />
      )}
    </div>
  );
});
