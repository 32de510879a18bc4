/**
 * The inbox's right column: the contact of the open conversation, its appointments and its
 * opportunities, one tab at a time. The close control is the back button on phone widths and
 * closes the overlay on tablet widths.
 */
import { ArrowLeft, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useRecordPanels } from '../records/RecordPanels';
import type { Conversation } from '#shared/conversations';
import { AppointmentsPanel } from './AppointmentsPanel';
import { ContactDetails } from './ContactDetails';
import { OpportunityPanel } from './OpportunityPanel';
import { InvoicesPanel } from '../../records/invoices/InvoicesPanel';
import { useQuickAction } from '../quick-actions';
import './side-panel.css';

type SideTab = 'contact' | 'appointments' | 'opportunities' | 'invoices';
const SIDE_TABS: { id: SideTab; label: string }[] = [
  { id: 'contact', label: 'Contact' },
  { id: 'appointments', label: 'Appointments' },
  { id: 'opportunities', label: 'Opportunities' },
  { id: 'invoices', label: 'Invoices' },
];

export function SidePanel({ conversation, onClose }: { conversation: Conversation; onClose(): void }) {
  const [tab, setTab] = useState<SideTab>('contact');
  const tabRefs = useRef<Partial<Record<SideTab, HTMLButtonElement | null>>>({});
  const base = useId();
  // A DND Activity Card's View button: show the contact's DND settings.
  const { dndRequest, open: openRecord, close: closeRecord } = useRecordPanels();
  // The header's quick actions: a tab with its "new" form open (a new request remounts the form).
  const [create, setCreate] = useState<{ tab: SideTab; n: number } | null>(null);
  const chooseTab = (t: SideTab) => {
    setTab(t);
    setCreate(null);
  };
  useQuickAction(['appointment', 'opportunity', 'invoice', 'dnd'], (action) => {
    if (action === 'dnd') return openRecord({ type: 'contact', id: conversation.contact.id });
    const t: SideTab = action === 'appointment' ? 'appointments' : action === 'opportunity' ? 'opportunities' : 'invoices';
    closeRecord();
    setTab(t);
    setCreate((r) => ({ tab: t, n: (r?.n ?? 0) + 1 }));
  });
  const creating = (t: SideTab) => create?.tab === t;
  const panelKey = `${conversation.contact.id}-${create?.n ?? 0}`;
  useEffect(() => {
    if (dndRequest === 0) return;
    chooseTab('contact');
    requestAnimationFrame(() => document.getElementById('contact-dnd')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }, [dndRequest]);

  // Arrow keys move between tabs (and select them); Tab moves on to the panel.
  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    const i = SIDE_TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % SIDE_TABS.length
      : e.key === 'ArrowLeft' ? (i - 1 + SIDE_TABS.length) % SIDE_TABS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? SIDE_TABS.length - 1
      : -1;
    if (next < 0) return;
    e.preventDefault();
    const id = SIDE_TABS[next].id;
    chooseTab(id);
    tabRefs.current[id]?.focus();
  }

  return (
    <aside className="side-panel" aria-label={`Details of ${conversation.contact.name}`}>
      <div className="sp-head">
        <button type="button" className="icon-button sp-close" onClick={onClose} aria-label="Close details" title="Close details">
          <ArrowLeft size={16} aria-hidden="true" className="sp-close-back" />
          <X size={16} aria-hidden="true" className="sp-close-x" />
        </button>
        <div className="tabs sp-tabs" role="tablist" aria-label="Contact details sections" onKeyDown={onTabKey}>
          {SIDE_TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              id={`${base}-tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              aria-controls={`${base}-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className={tab === t.id ? 'active' : ''}
              onClick={() => chooseTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <div className="sp-body" role="tabpanel" id={`${base}-panel-${tab}`} aria-labelledby={`${base}-tab-${tab}`} tabIndex={0}>
        {tab === 'contact' && <ContactDetails key={conversation.contact.id} contactId={conversation.contact.id} />}
        {tab === 'appointments' && <AppointmentsPanel key={panelKey} contactId={conversation.contact.id} initialCreate={creating('appointments')} />}
        {tab === 'opportunities' && <OpportunityPanel key={panelKey} contactId={conversation.contact.id} initialCreate={creating('opportunities')} />}
        {tab === 'invoices' && <InvoicesPanel key={panelKey} contactId={conversation.contact.id} initialCreate={creating('invoices')} />}
      </div>
    </aside>
  );
}
