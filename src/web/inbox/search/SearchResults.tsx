/**
 * The results panel under the search box: Contacts, then Messages, with the matches marked. The
 * options are driven from the input (aria-activedescendant): focus never leaves the box.
 */
import type { ContactHit, MessageHit } from '#shared/search';
import { formatPhone, shortTime } from '../../lib/format';
import { Avatar } from '../../ui/Avatar';
import { ChannelIcon } from '../../ui/channels';
import { formatSegments, Highlight } from './Highlight';

export type SearchOption = { kind: 'contact'; hit: ContactHit } | { kind: 'message'; hit: MessageHit };

export const optionId = (i: number) => `search-option-${i}`;
export const RESULTS_ID = 'search-results';

interface Props {
  q: string;
  options: SearchOption[];
  active: number;
  loading: boolean;
  error: string | null;
  timeZone: string;
  onHover(i: number): void;
  onChoose(o: SearchOption): void;
}

export function SearchResults({ q, options, active, loading, error, timeZone, onHover, onChoose }: Props) {
  const now = Date.now();
  const contacts = options.filter((o) => o.kind === 'contact').length;
  const option = (o: SearchOption, i: number) => (
    <div
      key={o.kind + (o.kind === 'contact' ? o.hit.contact.id : o.hit.message.id)}
      id={optionId(i)}
      role="option"
      aria-selected={i === active}
      className={`search-option${i === active ? ' active' : ''}`}
      data-kind={o.kind}
      onMouseMove={() => i !== active && onHover(i)}
      onClick={() => onChoose(o)}
    >
      {o.kind === 'contact' ? <ContactOption hit={o.hit} /> : <MessageOption hit={o.hit} timeZone={timeZone} now={now} />}
    </div>
  );
  return (
    // Clicks inside must not blur the box (which closes the panel) before they land.
    <div className="search-panel" onMouseDown={(e) => e.preventDefault()}>
      <div id={RESULTS_ID} role="listbox" aria-label="Search results" className="search-list">
        {contacts > 0 && (
          <div role="group" aria-labelledby="search-contacts">
            <div className="search-section" id="search-contacts">Contacts</div>
            {options.slice(0, contacts).map((o, i) => option(o, i))}
          </div>
        )}
        {options.length > contacts && (
          <div role="group" aria-labelledby="search-messages">
            <div className="search-section" id="search-messages">Messages</div>
            {options.slice(contacts).map((o, i) => option(o, contacts + i))}
          </div>
        )}
      </div>
      {error ? (
        <p className="search-note error" role="alert">{error}</p>
      ) : options.length === 0 ? (
        <p className="search-note">{loading ? 'Searching…' : `No contacts or messages match “${q}”.`}</p>
      ) : null}
      <p className="search-foot" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close
      </p>
    </div>
  );
}

function ContactOption({ hit }: { hit: ContactHit }) {
  const { contact, highlight } = hit;
  const phoneMatched = highlight.phone?.some((s) => s.match);
  const emailMatched = highlight.email?.some((s) => s.match);
  const detail =
    highlight.phone && (phoneMatched || !emailMatched) && contact.phone
      ? formatSegments(highlight.phone, formatPhone(contact.phone))
      : highlight.email;
  return (
    <>
      <Avatar name={contact.name} size={28} />
      <span className="search-main">
        <span className="search-title">
          <Highlight segments={highlight.name} />
        </span>
        <span className="search-detail">
          {detail ? <Highlight segments={detail} /> : null}
          {!hit.conversationId && <span className="search-hint"> · no conversation yet</span>}
        </span>
      </span>
    </>
  );
}

function MessageOption({ hit, timeZone, now }: { hit: MessageHit; timeZone: string; now: number }) {
  const { message, contact, snippet } = hit;
  return (
    <>
      <span className="search-channel">
        <ChannelIcon type={message.messageType} size={15} />
      </span>
      <span className="search-main">
        <span className="search-title">
          <span className="search-name">{contact.name}</span>
          <time dateTime={message.createdAt}>{shortTime(message.createdAt, timeZone, now)}</time>
        </span>
        <span className="search-snippet">
          {message.direction === 'outbound' && message.messageType !== 'TYPE_INTERNAL_COMMENT' && <span className="search-you">You: </span>}
          <Highlight segments={snippet} />
        </span>
      </span>
    </>
  );
}
