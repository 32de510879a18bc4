/** An appointment's length: the usual lengths, plus the ones in play (the calendar's default, the current one). */
import { DURATIONS, durationLabel } from './labels';

export function LengthField({ value, onChange, also = [] }: { value: number; onChange(minutes: number): void; also?: number[] }) {
  const options = [...new Set([...DURATIONS, ...also, value])].sort((a, b) => a - b);
  return (
    <label className="field">
      <span>Length</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((m) => (
          <option key={m} value={m}>
            {durationLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}
