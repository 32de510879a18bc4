import type { RecordPanelProps } from '../../inbox/records/RecordPanels';

/** Placeholder: replaced by the record's real panel. */
export default function Placeholder(_props: RecordPanelProps) {
  return <p className="muted">Loading…</p>;
}
