/**
 * The open conversation's quick actions: insert a snippet, write an internal comment, book an
 * appointment, create an opportunity, send an invoice, the contact's Do Not Disturb settings, call
 * (also its own button beside it; greyed out with the reason when the contact cannot be called).
 * Each opens the panel or form that does it.
 */
import { BellOff, CalendarPlus, ChevronDown, FileText, Phone, ReceiptText, StickyNote, Target, Zap } from 'lucide-react';
import { useState } from 'react';
import type { Conversation } from '#shared/conversations';
import { useContact } from '../../lib/queries';
import { Menu, type MenuEntry } from '../../ui/Menu';
import { runQuickAction, useHasQuickAction, type QuickAction } from '../quick-actions';
import { callBlocked } from './CallButton';

export function ActionsMenu({ conversation }: { conversation: Conversation }) {
  const [at, setAt] = useState<HTMLElement | null>(null);
  const snippets = useHasQuickAction('snippet');
  const calls = useHasQuickAction('call');
  const noCall = callBlocked(conversation, useContact(conversation.contact.id).data);
  const item = (action: QuickAction, label: string, Icon: typeof FileText) => ({
    label,
    icon: <Icon size={15} />,
    onSelect: () => runQuickAction(action),
  });
  const items: MenuEntry[] = [
    ...(snippets ? [item('snippet', 'Insert snippet', FileText)] : []),
    item('note', 'Internal comment', StickyNote),
    'separator',
    item('appointment', 'Book appointment', CalendarPlus),
    item('opportunity', 'Create opportunity', Target),
    item('invoice', 'Send invoice', ReceiptText),
    'separator',
    item('dnd', 'Do Not Disturb settings', BellOff),
    ...(calls ? [{ ...item('call', noCall ? `Call (${noCall.includes('phone') ? 'no phone number' : 'DND is on'})` : 'Call', Phone), disabled: !!noCall }] : []),
  ];
  return (
    <>
      <button
        type="button"
        className="button small ch-quick"
        aria-haspopup="menu"
        aria-expanded={!!at}
        title="Quick actions"
        aria-label="Quick actions"
        onClick={(e) => setAt(at ? null : e.currentTarget)}
      >
        <Zap size={14} aria-hidden="true" className="ch-quick-icon" />
        <span className="ch-quick-label">Actions</span>
        <ChevronDown size={14} aria-hidden="true" className="ch-quick-chevron" />
      </button>
      {at && <Menu label="Quick actions" at={at} items={items} onClose={() => setAt(null)} />}
    </>
  );
}
