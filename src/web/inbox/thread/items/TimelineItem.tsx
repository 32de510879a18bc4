import { memo } from 'react';
import type { Message } from '#shared/messages';
import { ActivityItem } from './ActivityItem';
import { CallItem } from './CallItem';
import { ChannelBubble } from './ChannelBubble';
import { NoteItem } from './NoteItem';
import { ReviewItem } from './ReviewItem';

export interface ItemProps {
  message: Message;
  contactName: string;
  members: Map<string, string>;
  timeZone: string;
}

/** One timeline item, rendered by kind: channel message, call, review, internal comment, activity. */
export const TimelineItem = memo(function TimelineItem(props: ItemProps) {
  const t = props.message.messageType;
  if (t === 'TYPE_CALL') return <CallItem {...props} />;
  if (t === 'TYPE_REVIEW' && props.message.direction === 'inbound') return <ReviewItem {...props} />;
  if (t === 'TYPE_INTERNAL_COMMENT') return <NoteItem {...props} />;
  if (t.startsWith('TYPE_ACTIVITY_')) return <ActivityItem {...props} />;
  return <ChannelBubble {...props} />;
});
