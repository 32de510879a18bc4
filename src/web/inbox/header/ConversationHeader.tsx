/** Top of the open thread: who this is, the channels they used, and the conversation's actions. */
import { ArrowLeft, Archive, ArchiveRestore, Mail, MailOpen, PanelRight, Star } from 'lucide-react';
import { useState } from 'react';
import { useConversationActions } from '../../lib/actions';
import { errorMessage } from '../../lib/api';
import { contactLabel, formatPhone } from '../../lib/format';
import { useConversation, useTeam } from '../../lib/queries';
import { ChannelIcon, CHANNELS } from '../../ui/channels';
import { ActionsMenu } from './ActionsMenu';
import { CallButton } from './CallButton';
import { PresenceAvatars } from './PresenceAvatars';
import './header.css';

interface Props {
  conversationId: string;
  onBack(): void;
  onShowDetails(): void;
}

export function ConversationHeader({ conversationId, onBack, onShowDetails }: Props) {
  const { data: c } = useConversation(conversationId);
  const team = useTeam();
  const actions = useConversationActions();
  const [error, setError] = useState<string | null>(null);
  if (!c) return <header className="conv-header" aria-busy="true" />;
  const run = (p: Promise<unknown>) => {
    setError(null);
    p.catch((e) => setError(errorMessage(e)));
  };
  const name = contactLabel(c.contact);
  const sub = [c.contact.phone && formatPhone(c.contact.phone), c.contact.email].filter(Boolean).join(' · ');
  const channels = c.channels.filter((t) => t !== 'TYPE_INSTAGRAM_COMMENT' || !c.channels.includes('TYPE_INSTAGRAM'));

  return (
    <header className="conv-header">
      <button type="button" className="icon-button back-button" onClick={onBack} aria-label="Back to conversations">
        <ArrowLeft size={18} aria-hidden="true" />
      </button>
      <div className="ch-who">
        <h2 className="ch-name" title={name}>
          {name}
        </h2>
        <div className="ch-sub">
          {sub && <span className="ch-contact">{sub}</span>}
          {channels.length > 0 && (
            <span className="ch-channels" aria-label={`Channels used: ${channels.map((t) => CHANNELS[t].label).join(', ')}`}>
              {channels.map((t) => (
                <ChannelIcon key={t} type={t} size={13} />
              ))}
            </span>
          )}
          {c.state === 'closed' && <span className="chip">Closed</span>}
        </div>
      </div>
      <div className="ch-actions">
        <PresenceAvatars conversationId={conversationId} />
        {error && (
          <span className="error-text ch-error" role="alert">
            {error}
          </span>
        )}
        <label className="ch-assign">
          <span className="visually-hidden">Assigned to</span>
          <select
            aria-label="Assign conversation"
            value={c.assignedTo ?? ''}
            onChange={(e) => run(actions.assign(c, e.target.value || null))}
          >
            <option value="">Unassigned</option>
            {(team.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <ActionsMenu conversation={c} />
        <CallButton conversation={c} name={name} onError={setError} />
        <button
          type="button"
          className={`icon-button${c.starred ? ' starred' : ''}`}
          aria-pressed={c.starred}
          aria-label={c.starred ? 'Unstar conversation' : 'Star conversation'}
          title={c.starred ? 'Unstar (s)' : 'Star (s)'}
          onClick={() => run(actions.toggleStar(c))}
        >
          <Star size={17} fill={c.starred ? 'currentColor' : 'none'} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={c.unreadCount > 0 ? 'Mark as read' : 'Mark as unread'}
          title={c.unreadCount > 0 ? 'Mark as read' : 'Mark as unread (u)'}
          onClick={() => run(actions.toggleRead(c))}
        >
          {c.unreadCount > 0 ? <MailOpen size={17} aria-hidden="true" /> : <Mail size={17} aria-hidden="true" />}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={c.state === 'open' ? 'Close conversation' : 'Reopen conversation'}
          title={c.state === 'open' ? 'Close (e)' : 'Reopen (e)'}
          onClick={() => run(actions.toggleClosed(c))}
        >
          {c.state === 'open' ? <Archive size={17} aria-hidden="true" /> : <ArchiveRestore size={17} aria-hidden="true" />}
        </button>
        <button type="button" className="icon-button details-toggle" aria-label="Contact details" title="Contact details" onClick={onShowDetails}>
          <PanelRight size={17} aria-hidden="true" />
        </button>
      </div>
    </header>
  );
}
