import { Fragment } from 'react';
import { StickyNote } from 'lucide-react';
import { MENTION_RE } from '#shared/mentions';
import { clockTime, fullDateTime } from '../../../lib/format';
import type { ItemProps } from './TimelineItem';

/** Splits "@[Name](id)" mentions out of a comment body. */
function withMentions(body: string) {
  const parts: (string | { name: string })[] = [];
  let last = 0;
  for (const m of body.matchAll(new RegExp(MENTION_RE.source, 'g'))) {
    parts.push(body.slice(last, m.index), { name: m[1] });
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(body.slice(last));
  return parts;
}

/** An internal comment: visible to the team only, never sent to the contact. */
export function NoteItem({ message: m, members, timeZone }: ItemProps) {
  const author = m.userId ? (members.get(m.userId) ?? 'Team member') : 'API';
  return (
    <div className="item comment-row">
      <article className="comment-card" aria-label={`Internal comment by ${author}`}>
        <header className="comment-head">
          <StickyNote size={13} aria-hidden="true" />
          <span className="comment-author">{author}</span>
          <span className="comment-tag">Internal</span>
          <time dateTime={m.createdAt} title={fullDateTime(m.createdAt, timeZone)}>
            {clockTime(m.createdAt, timeZone)}
          </time>
        </header>
        <div className="comment-body">
          {withMentions(m.body ?? '').map((p, i) =>
            typeof p === 'string' ? <Fragment key={i}>{p}</Fragment> : <mark key={i} className="mention">@{p.name}</mark>,
          )}
        </div>
      </article>
    </div>
  );
}
