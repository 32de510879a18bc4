/**
 * What an opportunity's Activity Cards say: one line per change, and the before → after of what
 * the card shows (stage and owner by name, value as money), so a card reads well on its own,
 * even after the opportunity is deleted.
 */
import type { ActivityActor } from '#shared/activity';
import type { Opportunity } from '#shared/opportunities';
import type { Tx } from '../db/tx';
import { recordActivity } from '../activity/record';

/** 65000 USD → "$650", 65050 → "$650.50", GBP → "£650". */
export function formatMoney(minor: number, currency: string): string {
  try {
    const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const whole = minor % 10 ** digits === 0;
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

const STATUS_LABEL: Record<string, string> = { open: 'Open', won: 'Won', lost: 'Lost', abandoned: 'Abandoned' };

/** The card's snapshot of the opportunity. */
export function details(o: Opportunity, ownerName: string | null) {
  return {
    name: o.name,
    pipelineName: o.pipelineName,
    stageName: o.stageName,
    status: o.status,
    lostReason: o.lostReason,
    monetaryValue: o.monetaryValue,
    currency: o.currency,
    value: formatMoney(o.monetaryValue, o.currency),
    owner: ownerName,
    source: o.source,
  };
}

type Change = { from: unknown; to: unknown };

/** Field → {from, to} as the card shows it, in reading order; empty when nothing differs. */
export function opportunityChanges(before: Opportunity, after: Opportunity, names: Map<string, string>): Record<string, Change> {
  const owner = (id: string | null) => (id ? (names.get(id) ?? 'Former team member') : 'Unassigned');
  const out: Record<string, Change> = {};
  const add = (key: string, differs: boolean, from: unknown, to: unknown) => {
    if (differs) out[key] = { from, to };
  };
  add('Name', before.name !== after.name, before.name, after.name);
  add('Pipeline', before.pipelineId !== after.pipelineId, before.pipelineName, after.pipelineName);
  add('stage', before.pipelineStageId !== after.pipelineStageId, before.stageName, after.stageName);
  add('status', before.status !== after.status, STATUS_LABEL[before.status], STATUS_LABEL[after.status]);
  // Becoming lost, the reason is in the card's line; a new reason of a lost one is a change.
  add('Lost reason', before.status === 'lost' && after.status === 'lost' && before.lostReason !== after.lostReason, before.lostReason, after.lostReason);
  add(
    'value',
    before.monetaryValue !== after.monetaryValue || before.currency !== after.currency,
    formatMoney(before.monetaryValue, before.currency),
    formatMoney(after.monetaryValue, after.currency),
  );
  add('owner', before.assignedTo !== after.assignedTo, owner(before.assignedTo), owner(after.assignedTo));
  add('Source', (before.source ?? null) !== (after.source ?? null), before.source, after.source);
  return out;
}

function updateSummary(before: Opportunity, after: Opportunity): string {
  if (after.status !== before.status) {
    if (after.status === 'won') return `Opportunity won: ${after.name} — ${formatMoney(after.monetaryValue, after.currency)}`;
    if (after.status === 'lost') return `Opportunity lost: ${after.name} — ${after.lostReason}`;
    if (after.status === 'abandoned') return `Opportunity abandoned: ${after.name}`;
    return `Opportunity reopened: ${after.name}`;
  }
  if (after.pipelineStageId !== before.pipelineStageId) return `Opportunity moved to ${after.stageName}: ${after.name}`;
  return `Opportunity updated: ${after.name}`;
}

const record = (o: Opportunity) => ({ type: 'opportunity' as const, id: o.id });

export async function cardCreated(tx: Tx, locationId: string, o: Opportunity, actor: ActivityActor, ownerName: string | null) {
  await recordActivity(tx, {
    locationId,
    contactId: o.contactId,
    action: 'created',
    record: record(o),
    actor,
    details: details(o, ownerName),
    summary: `Opportunity created: ${o.name} — ${formatMoney(o.monetaryValue, o.currency)}, ${o.stageName}`,
  });
}

export async function cardUpdated(tx: Tx, locationId: string, before: Opportunity, after: Opportunity, actor: ActivityActor, names: Map<string, string>) {
  await recordActivity(tx, {
    locationId,
    contactId: after.contactId,
    action: 'updated',
    record: record(after),
    actor,
    changes: opportunityChanges(before, after, names),
    details: details(after, after.assignedTo ? (names.get(after.assignedTo) ?? null) : null),
    summary: updateSummary(before, after),
  });
}

export async function cardDeleted(tx: Tx, locationId: string, o: Opportunity, actor: ActivityActor, ownerName: string | null) {
  await recordActivity(tx, {
    locationId,
    contactId: o.contactId,
    action: 'deleted',
    record: record(o),
    actor,
    details: details(o, ownerName),
    summary: `Opportunity deleted: ${o.name} — ${formatMoney(o.monetaryValue, o.currency)}, ${o.stageName}`,
  });
}
