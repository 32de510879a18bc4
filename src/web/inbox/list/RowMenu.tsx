/** The menu of one conversation row (right-click, or the row's "More actions" button); Delete only for admins. */
import { Archive, ArchiveRestore, CheckSquare, Mail, MailOpen, Square, Star, StarOff, Trash2, UserRound, UserRoundX } from 'lucide-react';
import type { Conversation } from '#shared/conversations';
import type { TeamMember } from '#shared/team';
import type { MenuEntry } from '../../ui/Menu';

interface Handlers {
  toggleRead(c: Conversation): void;
  toggleStar(c: Conversation): void;
  toggleClosed(c: Conversation): void;
  assign(c: Conversation, userId: string | null): void;
  toggleSelect(id: string, range: boolean): void;
  askDelete(c: Conversation): void;
}

export function rowMenu(c: Conversation, team: TeamMember[], selected: boolean, h: Handlers, canDelete: boolean): MenuEntry[] {
  const unread = c.unreadCount > 0;
  return [
    { label: unread ? 'Mark as read' : 'Mark as unread', icon: unread ? <MailOpen size={15} /> : <Mail size={15} />, onSelect: () => h.toggleRead(c) },
    { label: c.starred ? 'Unstar' : 'Star', icon: c.starred ? <StarOff size={15} /> : <Star size={15} />, onSelect: () => h.toggleStar(c) },
    {
      label: c.state === 'open' ? 'Close' : 'Reopen',
      icon: c.state === 'open' ? <Archive size={15} /> : <ArchiveRestore size={15} />,
      onSelect: () => h.toggleClosed(c),
    },
    {
      label: 'Assign to',
      icon: <UserRound size={15} />,
      items: [
        { label: 'Unassigned', icon: <UserRoundX size={15} />, checked: c.assignedTo === null, onSelect: () => h.assign(c, null) },
        ...team.map((m) => ({ label: m.name, checked: c.assignedTo === m.id, onSelect: () => h.assign(c, m.id) })),
      ],
    },
    'separator',
    {
      label: selected ? 'Deselect' : 'Select',
      icon: selected ? <CheckSquare size={15} /> : <Square size={15} />,
      onSelect: () => h.toggleSelect(c.id, false),
    },
    ...(canDelete ? [{ label: 'Delete…', icon: <Trash2 size={15} />, danger: true, onSelect: () => h.askDelete(c) }] : []),
  ];
}
