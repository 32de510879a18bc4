/** The states a record panel shows before its record: loading, could not load, and gone. */
import type { ComponentType, ReactNode } from 'react';
import { errorMessage } from '../lib/api';
import { Spinner } from '../ui/Spinner';

interface Query {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: unknown;
  refetch(): unknown;
}

export interface RecordStateOptions {
  noun: string;
  /** Heading when the record no longer exists (query data null). */
  goneTitle: string;
  goneIcon: ComponentType<{ size?: number; 'aria-hidden'?: boolean | 'true'; className?: string }>;
  className: string;
  iconClassName: string;
  close(): void;
}

/** The panel to show instead of the record, or null when the record is there. */
export function recordState(q: Query, o: RecordStateOptions): ReactNode | null {
  if (q.isPending) return <Spinner label={`Loading ${o.noun}`} />;
  if (q.isError) {
    return (
      <div className={`empty-state ${o.className}`} role="alert">
        <h2>Could not load the {o.noun}</h2>
        <p>{errorMessage(q.error)}</p>
        <button type="button" className="button" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (q.data === null) {
    const Icon = o.goneIcon;
    return (
      <div className={`empty-state ${o.className}`} role="status">
        <Icon size={28} aria-hidden="true" className={o.iconClassName} />
        <h2>{o.goneTitle}</h2>
        <p>Its activity cards stay in the conversation as a record of what happened.</p>
        <button type="button" className="button" onClick={o.close}>
          Close
        </button>
      </div>
    );
  }
  return null;
}
