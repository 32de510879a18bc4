/**
 * Records opened in place from Activity Cards and the side panels (View Appointment, View
 * Opportunity, View Invoice…): a context to open one, and the host that shows it over the side
 * column without leaving the conversation. Each record type's panel is its own lazy chunk.
 */
import { X } from 'lucide-react';
import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import type { RecordType } from '#shared/activity';
import { Spinner } from '../../ui/Spinner';
import './record-panels.css';

export interface RecordRef {
  type: RecordType;
  id: string;
}

export interface RecordPanelProps {
  id: string;
  /** The contact of the open conversation (for forms that create records). */
  contactId: string;
  close(): void;
}

const PANELS: Partial<Record<RecordType, ComponentType<RecordPanelProps>>> = {
  appointment: lazy(() => import('../../records/appointments/AppointmentView')),
  opportunity: lazy(() => import('../../records/opportunities/OpportunityView')),
  invoice: lazy(() => import('../../records/invoices/InvoiceView')),
  payment: lazy(() => import('../../records/invoices/InvoiceView')),
};

const TITLE: Record<RecordType, string> = {
  appointment: 'Appointment',
  opportunity: 'Opportunity',
  invoice: 'Invoice',
  payment: 'Invoice',
  contact: 'Contact',
};

interface Ctx {
  current: RecordRef | null;
  open(ref: RecordRef): void;
  close(): void;
  /** Bumped when a DND card asks for the contact's DND settings (the side panel shows them). */
  dndRequest: number;
}

const RecordContext = createContext<Ctx>({ current: null, open: () => {}, close: () => {}, dndRequest: 0 });

export function RecordPanelProvider({ children, onOpen, conversationId }: { children: ReactNode; onOpen?(): void; conversationId?: string }) {
  const [current, setCurrent] = useState<RecordRef | null>(null);
  const [dndRequest, setDndRequest] = useState(0);
  // Another conversation: its records, not the previous one's (without remounting the inbox).
  useEffect(() => setCurrent(null), [conversationId]);
  const value = useMemo<Ctx>(
    () => ({
      current,
      dndRequest,
      open: (ref) => {
        if (ref.type === 'contact') {
          setCurrent(null);
          setDndRequest((n) => n + 1);
        } else setCurrent(ref);
        onOpen?.();
      },
      close: () => setCurrent(null),
    }),
    [current, dndRequest, onOpen],
  );
  return <RecordContext.Provider value={value}>{children}</RecordContext.Provider>;
}

export const useRecordPanels = () => useContext(RecordContext);

/** Shows the open record over the side column (or nothing). */
export function RecordPanelHost({ contactId }: { contactId: string }) {
  const { current, close } = useRecordPanels();
  if (!current) return null;
  const Panel = PANELS[current.type];
  return (
    <aside className="record-panel" aria-label={`${TITLE[current.type]} details`}>
      <header className="record-panel-head">
        <h2>{TITLE[current.type]}</h2>
        <button type="button" className="icon-button" aria-label={`Close ${TITLE[current.type].toLowerCase()}`} onClick={close}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="record-panel-body">
        {Panel ? (
          <Suspense fallback={<Spinner label="Loading" />}>
            <Panel key={current.id} id={current.id} contactId={contactId} close={close} />
          </Suspense>
        ) : (
          <p className="muted">This kind of record cannot be opened here yet.</p>
        )}
      </div>
    </aside>
  );
}
