/**
 * Creating or editing an opportunity in place: name, pipeline and stage, value with currency,
 * status (a lost one needs its reason), owner and source. Edits send only what changed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Opportunity, OpportunityStatus } from '#shared/opportunities';
import { patch, post } from '../../lib/api';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { useTeam } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { COMMON_CURRENCIES, defaultCurrency, parseAmount, toAmountInput } from './money';
import { upsertOpportunity, usePipelines } from './queries';
import { STATUS_LABEL } from './status';
import './opportunities.css';

const LABELS: Record<string, string> = {
  name: 'Name',
  pipelineId: 'Pipeline',
  pipelineStageId: 'Stage',
  monetaryValue: 'Value',
  currency: 'Currency',
  status: 'Status',
  lostReason: 'Lost reason',
  assignedTo: 'Owner',
  source: 'Source',
};

class FormError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function OpportunityForm({
  contactId,
  initial,
  onDone,
  onCancel,
}: {
  contactId: string;
  /** The opportunity to edit; absent: a new one. */
  initial?: Opportunity;
  onDone(o: Opportunity): void;
  onCancel(): void;
}) {
  const qc = useQueryClient();
  const { me } = useSession();
  const pipelines = usePipelines();
  const team = useTeam();
  const id = useId();
  const first = pipelines.data?.[0];
  const [name, setName] = useState(initial?.name ?? '');
  const [pipelineId, setPipelineId] = useState(initial?.pipelineId ?? '');
  const [stageId, setStageId] = useState(initial?.pipelineStageId ?? '');
  const [currency, setCurrency] = useState(initial?.currency ?? defaultCurrency(me.location.country));
  const [amount, setAmount] = useState(initial ? toAmountInput(initial.monetaryValue, initial.currency) : '');
  const [status, setStatus] = useState<OpportunityStatus>(initial?.status ?? 'open');
  const [lostReason, setLostReason] = useState(initial?.lostReason ?? '');
  const [owner, setOwner] = useState(initial ? (initial.assignedTo ?? '') : (me.user?.id ?? ''));
  const [source, setSource] = useState(initial?.source ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Until the user picks, the first pipeline and its first stage.
  const pipeline = pipelines.data?.find((p) => p.id === (pipelineId || first?.id));
  const stage = pipeline?.stages.find((s) => s.id === stageId) ?? pipeline?.stages[0];
  const currencies = COMMON_CURRENCIES.includes(currency) ? COMMON_CURRENCIES : [currency, ...COMMON_CURRENCIES];

  function body(): Record<string, unknown> {
    const value = parseAmount(amount, currency);
    if (!name.trim()) throw new FormError('name', 'Name is required.');
    if (value === null) throw new FormError('monetaryValue', 'Value must be an amount such as 650 or 650.50.');
    if (status === 'lost' && !lostReason.trim()) throw new FormError('lostReason', 'Say why it was lost.');
    const full: Record<string, unknown> = {
      name: name.trim(),
      pipelineId: pipeline?.id,
      pipelineStageId: stage?.id,
      monetaryValue: value,
      currency,
      status,
      ...(status === 'lost' && { lostReason: lostReason.trim() }),
      assignedTo: owner || null,
      source: source.trim() || (initial ? null : undefined),
    };
    if (!initial) return { ...full, contactId };
    const was: Record<string, unknown> = { ...initial, lostReason: initial.lostReason ?? undefined };
    return Object.fromEntries(Object.entries(full).filter(([k, v]) => v !== was[k]));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    let change: Record<string, unknown>;
    try {
      change = body();
    } catch (err) {
      return setError(err);
    }
    if (initial && Object.keys(change).length === 0) return onCancel();
    setBusy(true);
    try {
      const saved = initial ? await patch<Opportunity>(`/opportunities/${initial.id}`, change) : await post<Opportunity>('/opportunities', change);
      upsertOpportunity(qc, saved);
      onDone(saved);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const fields = error instanceof FormError ? { [error.field]: error.message } : fieldErrors(error);
  const errorId = `${id}-error`;
  const described = (field: string) => (fields[field] ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {});
  const message = error instanceof FormError ? error.message : plainError(error, (k) => LABELS[k] ?? k);

  return (
    <form className="opp-form" onSubmit={submit} noValidate aria-label={initial ? `Edit ${initial.name}` : 'New opportunity'} onKeyDown={(e) => e.key === 'Escape' && !busy && onCancel()}>
      <label className="field">
        <span>Name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Lip filler package" maxLength={200} autoFocus {...described('name')} />
      </label>
      <label className="field">
        <span>Pipeline</span>
        <select value={pipeline?.id ?? ''} onChange={(e) => {
            setPipelineId(e.target.value);
            setStageId('');
          }} disabled={!pipelines.data} {...described('pipelineId')}>
          {!pipelines.data && <option value="">{pipelines.isError ? 'Could not load pipelines' : 'Loading…'}</option>}
          {pipelines.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Stage</span>
        <select value={stage?.id ?? ''} onChange={(e) => setStageId(e.target.value)} disabled={!pipeline} {...described('pipelineStageId')}>
          {pipeline?.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <div className="opp-money">
        <label className="field">
          <span>Value</span>
          <input type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0.00" {...described('monetaryValue')} />
        </label>
        <label className="field">
          <span>Currency</span>
          <select value={currency} onChange={(e) => setCurrency(e.target.value)} {...described('currency')}>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      </div>
      {initial && (
        <label className="field">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as OpportunityStatus)}>
            {Object.entries(STATUS_LABEL).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      {status === 'lost' && (
        <label className="field">
          <span>Lost reason</span>
          <input type="text" value={lostReason} onChange={(e) => setLostReason(e.target.value)} maxLength={500} placeholder="e.g. Chose another clinic" {...described('lostReason')} />
        </label>
      )}
      <label className="field">
        <span>Owner</span>
        <select value={owner} onChange={(e) => setOwner(e.target.value)} {...described('assignedTo')}>
          <option value="">Unassigned</option>
          {owner && team.data && !team.data.some((m) => m.id === owner) && <option value={owner}>Former team member</option>}
          {team.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Source</span>
        <input type="text" value={source} onChange={(e) => setSource(e.target.value)} maxLength={100} placeholder="e.g. Instagram, referral" {...described('source')} />
      </label>
      {error != null && (
        <p className="form-error" role="alert" id={errorId}>
          {message}
        </p>
      )}
      <div className="opp-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy || !stage}>
          {busy ? 'Saving…' : initial ? 'Save' : 'Create opportunity'}
        </button>
      </div>
    </form>
  );
}
