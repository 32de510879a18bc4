/**
 * The Conversation Panel: the thread grouped by day, virtualized (long threads stay light), older
 * pages loaded when scrolling up without moving what the user reads, and a "new messages" pill
 * instead of a jump when something arrives while they read history.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '#shared/messages';
import { errorMessage } from '../../lib/api';
import { dayKey, dayLabel } from '../../lib/format';
import { useConversation, useMessages, useTeam } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { Spinner } from '../../ui/Spinner';
import { TimelineItem } from './items/TimelineItem';
import { TypingIndicator } from './TypingIndicator';
import { useJumpToMessage } from '../search/jump';
import './thread.css';

type Row = { kind: 'start'; key: string } | { kind: 'day'; key: string; label: string } | { kind: 'item'; key: string; message: Message };

const NEAR_BOTTOM_PX = 80;

export function Thread({ conversationId }: { conversationId: string }) {
  const { timeZone } = useSession();
  const messages = useMessages(conversationId);
  const conversation = useConversation(conversationId);
  const team = useTeam();
  const members = useMemo(() => new Map((team.data ?? []).map((m) => [m.id, m.name])), [team.data]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const ascending = useMemo(() => (messages.data?.pages.flatMap((p) => p.items) ?? []).slice().reverse(), [messages.data]);
  const complete = !messages.hasNextPage;
  const rows = useMemo(() => {
    const out: Row[] = complete && ascending.length > 0 ? [{ kind: 'start', key: 'start' }] : [];
    let day = '';
    for (const m of ascending) {
      const k = dayKey(m.createdAt, timeZone);
      if (k !== day) {
        day = k;
        out.push({ kind: 'day', key: `day-${k}`, label: dayLabel(m.createdAt, timeZone) });
      }
      out.push({ kind: 'item', key: m.id, message: m });
    }
    return out;
  }, [ascending, timeZone, complete]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i].kind === 'item' ? 88 : 40),
    overscan: 6,
    getItemKey: (i) => rows[i].key,
  });
  // A search result opened: load down to its message, scroll to it and mark it briefly.
  const jumpedTo = useJumpToMessage(conversationId, !messages.isPending, (id) => rows.findIndex((r) => r.key === id), (i) =>
    virtualizer.scrollToIndex(i, { align: 'center' }),
  );

  // Stick to the bottom on first load and when the user is already there.
  const atBottom = useRef(true);
  const [unseen, setUnseen] = useState(0);
  const newestId = ascending.at(-1)?.id;
  const oldestId = ascending[0]?.id;
  const prev = useRef<{ newest?: string; oldest?: string; height: number; top: number }>({ height: 0, top: 0 });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || rows.length === 0) return;
    const p = prev.current;
    if (p.oldest && oldestId !== p.oldest && newestId === p.newest) {
      // Older history was added above: keep the same distance from the bottom.
      el.scrollTop = el.scrollHeight - (p.height - p.top);
    } else if (!p.newest || atBottom.current) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
      requestAnimationFrame(() => (el.scrollTop = el.scrollHeight));
    } else if (newestId !== p.newest) {
      setUnseen((n) => n + 1);
    }
    prev.current = { newest: newestId, oldest: oldestId, height: el.scrollHeight, top: el.scrollTop };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newestId, oldestId, rows.length]);

  function onScroll() {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current && unseen) setUnseen(0);
    prev.current = { ...prev.current, height: el.scrollHeight, top: el.scrollTop };
    if (el.scrollTop < 300 && messages.hasNextPage && !messages.isFetchingNextPage) void messages.fetchNextPage();
  }

  const jumpToBottom = () => {
    const el = scrollRef.current;
    if (!el) return;
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    requestAnimationFrame(() => (el.scrollTop = el.scrollHeight));
    setUnseen(0);
  };

  useEffect(() => setUnseen(0), [conversationId]);

  if (messages.isPending) return <div className="thread"><Spinner label="Loading conversation" /></div>;
  if (messages.isError) {
    return (
      <div className="thread">
        <div className="empty-state" role="alert">
          <h2>Could not load this conversation</h2>
          <p>{errorMessage(messages.error)}</p>
          <button type="button" className="button" onClick={() => void messages.refetch()}>
            Try again
          </button>
        </div>
      </div>
    );
  }

  const contactName = conversation.data?.contact.name ?? 'Contact';
  return (
    <div className="thread">
      <div ref={scrollRef} className="thread-scroll" onScroll={onScroll} role="log" aria-label="Conversation" aria-live="polite">
        {rows.length === 0 && (
          <div className="empty-state">
            <h2>No messages yet</h2>
            <p>Write the first message below.</p>
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className={`thread-row${row.key === jumpedTo ? ' jump-target' : ''}`} style={{ transform: `translateY(${v.start}px)` }}>
                {row.kind === 'start' ? (
                  <p className="thread-start">This is the beginning of the conversation.</p>
                ) : row.kind === 'day' ? (
                  <div className="day-divider" role="separator">
                    <span>{row.label}</span>
                  </div>
                ) : (
                  <TimelineItem message={row.message} contactName={contactName} members={members} timeZone={timeZone} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {messages.isFetchingNextPage && (
        <div className="thread-loading">
          <Spinner label="Loading earlier messages" />
        </div>
      )}
      {unseen > 0 && (
        <button type="button" className="new-pill" onClick={jumpToBottom}>
          <ArrowDown size={14} aria-hidden="true" /> {unseen === 1 ? '1 new message' : `${unseen} new messages`}
        </button>
      )}
      <TypingIndicator conversationId={conversationId} />
    </div>
  );
}
