import type { MutableRefObject } from 'react';
import { Composer } from '../composer/Composer';
import { Thread } from './Thread';

/** The centre column below the header: the thread, and the composer under it. */
export function ConversationView({
  conversationId,
  composerRef,
}: {
  conversationId: string;
  composerRef: MutableRefObject<{ focus(mode: 'reply' | 'note'): void } | null>;
}) {
  return (
    <div className="conversation-view">
      <Thread conversationId={conversationId} />
      <Composer conversationId={conversationId} apiRef={composerRef} />
    </div>
  );
}
