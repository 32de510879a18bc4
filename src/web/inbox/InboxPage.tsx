/**
 * The inbox screen: Message Panel | Conversation Header + Conversation Panel + composer | side
 * panels. On phone widths one column shows at a time (data-pane), with back controls.
 */
import { useCallback, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { useConversation } from '../lib/queries';
import type { Tab } from '../lib/queries';
import { useSession } from '../lib/session';
import { loadView, saveView } from '../lib/view-state';
import { ConversationHeader } from './header/ConversationHeader';
import { MessagePanel, type MessagePanelHandle } from './list/MessagePanel';
import { SidePanel } from './side/SidePanel';
import { RecordPanelHost, RecordPanelProvider } from './records/RecordPanels';
import { ConversationView } from './thread/ConversationView';
import { useInboxShortcuts } from './useInboxShortcuts';
import { useMarkReadOnOpen } from './useMarkReadOnOpen';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useQuickAction } from './quick-actions';

export type Pane = 'list' | 'thread' | 'side';

export function InboxPage({ conversationId }: { conversationId?: string }) {
  const [, navigate] = useLocation();
  const { me, timeZone } = useSession();
  const [tab, setTab] = useState<Tab>(() => loadView(me.user?.id ?? null, me.location.id, timeZone).tab);
  const [pane, setPane] = useState<Pane>(conversationId ? 'thread' : 'list');
  const [showSide, setShowSide] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const panel = useRef<MessagePanelHandle>(null);
  const composerApi = useRef<{ focus(mode: 'reply' | 'note'): void } | null>(null);
  const conversation = useConversation(conversationId);
  useMarkReadOnOpen(conversationId ? conversation.data : undefined);

  const open = (id: string) => {
    navigate(`/c/${id}`);
    setPane('thread');
  };
  const changeTab = (t: Tab) => {
    setTab(t);
    saveView(me.user?.id ?? null, me.location.id, { tab: t });
  };

  // A record opened from a card shows in the side column, which phones and tablets must bring up.
  const showRecord = useCallback(() => {
    setShowSide(true);
    setPane('side');
  }, []);

  // The header's quick actions: the composer's comment tab, or the side column (shown on small screens).
  useQuickAction('note', () => composerApi.current?.focus('note'));
  useQuickAction(['appointment', 'opportunity', 'invoice', 'dnd'], showRecord);

  useInboxShortcuts({
    conversation: conversation.data,
    select: (delta) => {
      const ids = panel.current?.orderedIds() ?? [];
      if (ids.length === 0) return;
      const i = conversationId ? ids.indexOf(conversationId) : -1;
      const next = ids[Math.max(0, Math.min(ids.length - 1, i + delta))];
      if (next && next !== conversationId) open(next);
    },
    focusSearch: () => panel.current?.focusSearch(),
    focusComposer: (mode) => composerApi.current?.focus(mode),
    showHelp: () => setShowShortcuts(true),
  });

  return (
    <RecordPanelProvider conversationId={conversationId} onOpen={showRecord}>
    <div className={`inbox${showSide ? ' show-side' : ''}`} data-pane={pane}>
      <div className="column list-column">
        <MessagePanel ref={panel} tab={tab} onTab={changeTab} selectedId={conversationId} onOpen={open} />
      </div>
      <div className="column thread-column">
        {conversationId ? (
          conversation.isError ? (
            <div className="empty-state" role="alert">
              <h2>Conversation not found</h2>
              <p>It may have been deleted, or it belongs to another location.</p>
            </div>
          ) : (
            <>
              <ConversationHeader
                conversationId={conversationId}
                onBack={() => setPane('list')}
                onShowDetails={() => {
                  setShowSide((s) => !s);
                  setPane('side');
                }}
              />
              <ConversationView key={conversationId} conversationId={conversationId} composerRef={composerApi} />
            </>
          )
        ) : (
          <div className="empty-state">
            <h2>Select a conversation</h2>
            <p>Pick a conversation on the left to read it and reply. Press ? for keyboard shortcuts.</p>
          </div>
        )}
      </div>
      <div className="column side-column">
        {conversation.data && <RecordPanelHost contactId={conversation.data.contact.id} />}
        {conversation.data ? (
          <SidePanel
            conversation={conversation.data}
            onClose={() => {
              setShowSide(false);
              setPane('thread');
            }}
          />
        ) : (
          <div className="empty-state">
            <p>Contact details appear here.</p>
          </div>
        )}
      </div>
      {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
    </div>
    </RecordPanelProvider>
  );
}
