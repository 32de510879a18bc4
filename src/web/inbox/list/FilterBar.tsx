/**
 * The Message Panel's filter bar: assigned to, last message channel and direction, open/closed,
 * date range, mentions of me (all combinable), the sort order, and a visible "Reset filters".
 * Collapsed, it shows the active filters as chips that remove themselves.
 */
import { ListFilter, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { TeamMember } from '#shared/team';
import { activeCount, FILTER_CHANNELS, NO_FILTERS, type ListFilters } from '../../lib/filters';
import { dayKey } from '../../lib/format';
import { rangeDays } from '../../lib/view-state';
import { CHANNELS } from '../../ui/channels';
import './filter-bar.css';

interface Props {
  filters: ListFilters;
  onChange(next: ListFilters): void;
  team: TeamMember[];
  me: string | null;
  /** Sees only their own conversations: no assignee filter (it could only empty the list). */
  onlyAssigned: boolean;
  timeZone: string;
}

const RANGES: { id: string; label: string }[] = [
  { id: '', label: 'Any time' },
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'custom', label: 'Custom range…' },
];

const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const day = (d: string) => dayFormat.format(Date.parse(d));

export function FilterBar({ filters, onChange, team, me, onlyAssigned, timeZone }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const count = activeCount(filters);
  const set = (change: Partial<ListFilters>) => onChange({ ...filters, ...change });
  const today = dayKey(new Date().toISOString(), timeZone);

  function pickRange(range: string) {
    if (!range) return set({ range: undefined, from: undefined, to: undefined });
    if (range === 'custom') return set({ range, from: filters.from ?? today, to: filters.to ?? today });
    set({ range, ...rangeDays(range, timeZone) });
  }

  const assigneeName = (a: string) => (a === 'me' ? 'Me' : a === 'unassigned' ? 'Unassigned' : (team.find((m) => m.id === a)?.name ?? 'A team member'));
  const rangeLabel =
    filters.range && filters.range !== 'custom'
      ? RANGES.find((r) => r.id === filters.range)?.label
      : filters.from && filters.to
        ? filters.from === filters.to
          ? day(filters.from)
          : `${day(filters.from)} – ${day(filters.to)}`
        : filters.from
          ? `Since ${day(filters.from)}`
          : filters.to
            ? `Until ${day(filters.to)}`
            : '';
  type Chip = { key: string; label: string; clear: Partial<ListFilters> };
  const chips: Chip[] = [];
  if (filters.assignedTo) chips.push({ key: 'a', label: `Assigned: ${assigneeName(filters.assignedTo)}`, clear: { assignedTo: undefined } });
  if (filters.channel) chips.push({ key: 'c', label: CHANNELS[filters.channel].label, clear: { channel: undefined } });
  if (filters.direction) chips.push({ key: 'd', label: filters.direction === 'inbound' ? 'Inbound' : 'Outbound', clear: { direction: undefined } });
  if (filters.state) chips.push({ key: 's', label: filters.state === 'open' ? 'Open' : 'Closed', clear: { state: undefined } });
  if (filters.from || filters.to) chips.push({ key: 'r', label: rangeLabel ?? '', clear: { range: undefined, from: undefined, to: undefined } });
  if (filters.mentions) chips.push({ key: 'm', label: 'Mentions of me', clear: { mentions: undefined } });

  return (
    <div className="filter-bar">
      <div className="fb-row">
        <button
          type="button"
          className={`fb-toggle${count ? ' active' : ''}`}
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen((o) => !o)}
        >
          <ListFilter size={14} aria-hidden="true" /> Filters
          {count > 0 && <span className="fb-count">{count}</span>}
        </button>
        {count > 0 && (
          <button type="button" className="link-button fb-reset" onClick={() => onChange({ ...NO_FILTERS, sort: filters.sort })}>
            Reset filters
          </button>
        )}
        <label className="fb-sort">
          <span className="visually-hidden">Sort</span>
          <select aria-label="Sort" value={filters.sort} onChange={(e) => set({ sort: e.target.value as 'desc' | 'asc' })}>
            <option value="desc">Newest first</option>
            <option value="asc">Oldest first</option>
          </select>
        </label>
      </div>
      {!open && chips.length > 0 && (
        <ul className="fb-chips" aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.key}>
              <button type="button" className="fb-chip" onClick={() => set(c.clear)} aria-label={`Remove filter ${c.label}`}>
                {c.label} <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div className="fb-panel" id={`${id}-panel`} role="group" aria-label="Filters">
          {onlyAssigned ? (
            <p className="fb-fixed">
              <span>Assigned to</span>
              Me — you see only your own conversations
            </p>
          ) : (
            <label>
              <span>Assigned to</span>
              <select aria-label="Assigned to" value={filters.assignedTo ?? ''} onChange={(e) => set({ assignedTo: e.target.value || undefined })}>
                <option value="">Anyone</option>
                <option value="me">Me</option>
                <option value="unassigned">Unassigned</option>
                {team
                  .filter((m) => m.id !== me)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <label>
            <span>Channel</span>
            <select aria-label="Channel" value={filters.channel ?? ''} onChange={(e) => set({ channel: (e.target.value || undefined) as ListFilters['channel'] })}>
              <option value="">Any channel</option>
              {FILTER_CHANNELS.map((t) => (
                <option key={t} value={t}>
                  {CHANNELS[t].label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Last message</span>
            <select aria-label="Last message" value={filters.direction ?? ''} onChange={(e) => set({ direction: (e.target.value || undefined) as ListFilters['direction'] })}>
              <option value="">In or out</option>
              <option value="inbound">Inbound</option>
              <option value="outbound">Outbound</option>
            </select>
          </label>
          <label>
            <span>Status</span>
            <select aria-label="Status" value={filters.state ?? ''} onChange={(e) => set({ state: (e.target.value || undefined) as ListFilters['state'] })}>
              <option value="">Open or closed</option>
              <option value="open">Open</option>
              <option value="closed">Closed</option>
            </select>
          </label>
          <label>
            <span>Last message date</span>
            <select aria-label="Last message date" value={filters.range ?? ''} onChange={(e) => pickRange(e.target.value)}>
              {RANGES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label className="fb-check">
            <input type="checkbox" checked={!!filters.mentions} onChange={(e) => set({ mentions: e.target.checked || undefined })} />
            <span>Mentions of me</span>
          </label>
          {filters.range === 'custom' && (
            <div className="fb-dates">
              <label>
                <span>From</span>
                <input type="date" aria-label="From" value={filters.from ?? ''} max={filters.to} onChange={(e) => set({ from: e.target.value || undefined })} />
              </label>
              <label>
                <span>To</span>
                <input type="date" aria-label="To" value={filters.to ?? ''} min={filters.from} onChange={(e) => set({ to: e.target.value || undefined })} />
              </label>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
