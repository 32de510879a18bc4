/**
 * The contact's pipeline deals: stage, value and status. The records arrive with a later API;
 * until then the list is empty.
 */
import { Target } from 'lucide-react';

export interface OpportunitySummary {
  id: string;
  name: string;
  pipelineName: string;
  stageName: string;
  /** In minor units (cents). */
  monetaryValue: number;
  /** ISO 4217, e.g. "USD". */
  currency: string;
  status: 'open' | 'won' | 'lost' | 'abandoned' | (string & {});
}

const STATUS_LABEL: Record<string, string> = { open: 'Open', won: 'Won', lost: 'Lost', abandoned: 'Abandoned' };

function formatMoney(minor: number, currency: string): string {
  try {
    const f = new Intl.NumberFormat('en', { style: 'currency', currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    // An unknown currency code: the number, then the code.
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export function OpportunityPanel({ opportunities }: { opportunities: OpportunitySummary[] }) {
  if (opportunities.length === 0) {
    return (
      <div className="empty-state sp-state">
        <Target size={28} aria-hidden="true" className="sp-state-icon" />
        <h2>No opportunities yet</h2>
        <p>Pipeline deals for this contact will show here with their stage, value and status.</p>
      </div>
    );
  }

  return (
    <div className="sp-sections">
      <section className="sp-section" aria-label="Opportunities">
        <h2 className="sp-title">
          Opportunities <span className="sp-count">{opportunities.length}</span>
        </h2>
        <ul className="sp-cards">
          {opportunities.map((o) => (
            <li key={o.id} className="sp-card">
              <div className="sp-card-top">
                <strong className="sp-card-title">{o.name}</strong>
                <span className="sp-card-value">{formatMoney(o.monetaryValue, o.currency)}</span>
              </div>
              <div className="sp-card-top">
                <span className="sp-card-meta">
                  {o.pipelineName} › {o.stageName}
                </span>
                <span className={`chip status-${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
