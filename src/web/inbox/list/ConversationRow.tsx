import { Star } from 'lucide-react';
import { memo } from 'react';
import type { Conversation } from '#shared/conversations';
import type { TeamMember } from '#shared/team';
import { contactLabel, shortTime } from '../../lib/format';
import { Avatar } from '../../ui/Avatar';
import { ChannelIcon, CHANNELS } from '../../ui/channels';
import { RowActions, RowCheckbox, type RowHandlers } from './RowActions';

interface Props {
  conversation: Conversation;
  selected: boolean;
  assignee?: TeamMember;
  timeZone: string;
  now: number;
  onOpen(id: string): void;
  onToggleStar(c: Conversation): void;
  /** Selected for a bulk action. */
  checked: boolean;
  handlers: RowHandlers;
}

export const ConversationRow = memo(function ConversationRow({ conversation: c, selected, assignee, timeZone, now, onOpen, onToggleStar, checked, handlers: h }: Props) {
  const unread = c.unreadCount > 0;
  const last = c.lastMessage;
  const name = contactLabel(c.contact);
  const previewText = last
    ? last.body || (last.messageType === 'TYPE_CALL' ? `${last.direction === 'inbound' ? 'Incoming' : 'Outgoing'} call` : CHANNELS[last.messageType]?.label)
    : 'No messages yet';
  return (
    <div
      className={`conv-row${selected ? ' selected' : ''}${checked ? ' checked' : ''}${unread ? ' unread' : ''}${c.state === 'closed' ? ' closed' : ''}`}
      role="option"
      aria-selected={selected}
      data-conversation-id={c.id}
      tabIndex={-1}
      onClick={(e) => (e.shiftKey || e.metaKey || e.ctrlKey ? h.toggleSelect(c.id, e.shiftKey) : onOpen(c.id))}
      onContextMenu={(e) => {
        e.preventDefault();
        h.openMenu(c, { x: e.clientX, y: e.clientY });
      }}
    >
      <div className="conv-channel">
        {last ? <ChannelIcon type={last.messageType} size={16} /> : null}
        <RowCheckbox c={c} name={name} checked={checked} h={h} />
      </div>
      <div className="conv-main">
        <div className="conv-line">
          <span className="conv-name" title={name}>
            {name}
          </span>
          <time className="conv-time" dateTime={c.lastMessageAt} title={new Date(c.lastMessageAt).toLocaleString()}>
            {shortTime(c.lastMessageAt, timeZone, now)}
          </time>
          <RowActions c={c} name={name} h={h} />
        </div>
        <div className="conv-line">
          <span className="conv-preview">
            {last?.direction === 'outbound' && last.messageType !== 'TYPE_CALL' && <span className="conv-you">You: </span>}
            {previewText}
          </span>
          <span className="conv-meta">
            {unread && (
              <span className="badge" aria-label={`${c.unreadCount} unread`}>
                {c.unreadCount > 99 ? '99+' : c.unreadCount}
              </span>
            )}
            {assignee && <Avatar name={assignee.name} size={20} title={`Assigned to ${assignee.name}`} />}
            <button
              type="button"
              className={`icon-button star-toggle${c.starred ? ' starred' : ''}`}
              aria-pressed={c.starred}
              aria-label={c.starred ? `Unstar ${name}` : `Star ${name}`}
              title={c.starred ? 'Unstar' : 'Star'}
              onClick={(e) => {
                e.stopPropagation();
                onToggleStar(c);
              }}
            >
              <Star size={15} fill={c.starred ? 'currentColor' : 'none'} aria-hidden="true" />
            </button>
          </span>
        </div>
      </div>
    </div>
  );
});
