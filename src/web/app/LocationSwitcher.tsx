/**
 * The top bar's location control: the current location's name (on phones its initials), opening
 * the list of the member's locations with their full names; picking another one switches to it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useDismiss } from '../ui/useDismiss';
import { Check, ChevronDown, MapPin } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { errorMessage } from '../lib/api';
import { switchLocation, useSession } from '../lib/session';
import './location-switcher.css';

/** "Glow Aesthetics Clinic" → "GAC"; a short one-word name stays whole. */
export function locationInitials(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0].length <= 6 ? words[0] : words[0].slice(0, 3);
  return words
    .slice(0, 3)
    .map((w) => w[0].toUpperCase())
    .join('');
}

export function LocationSwitcher() {
  const { me } = useSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const current = me.location;

  useDismiss(open, () => setOpen(false), root, () => root.current?.querySelector<HTMLElement>('.ls-button'));

  async function pick(locationId: string) {
    if (locationId === current.id) return setOpen(false);
    setError(null);
    setBusy(true);
    try {
      const next = await switchLocation(locationId);
      // The signed-in member's query keeps its observers (the app re-renders for the new location);
      // everything else belonged to the previous location.
      qc.setQueryData(['me'], next);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      setOpen(false);
      navigate('/');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="location-switcher" ref={root}>
      <button
        type="button"
        className="ls-button"
        aria-label={`Location: ${current.name}`}
        title={current.name}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <MapPin size={14} aria-hidden="true" className="ls-pin" />
        <span className="ls-name">{current.name}</span>
        <span className="ls-short" aria-hidden="true">
          {locationInitials(current.name)}
        </span>
        <ChevronDown size={14} aria-hidden="true" className="ls-chevron" />
      </button>
      {open && (
        <div className="ls-panel" id={id} role="dialog" aria-label="Locations">
          <h2 className="ls-heading">{me.locations.length > 1 ? 'Switch location' : 'Location'}</h2>
          <ul className="ls-list">
            {me.locations.map((l) => (
              <li key={l.id}>
                <button type="button" className="ls-option" aria-current={l.id === current.id ? 'true' : undefined} disabled={busy} onClick={() => void pick(l.id)}>
                  <span className="ls-option-name">{l.name}</span>
                  {l.id === current.id && <Check size={14} aria-hidden="true" />}
                </button>
              </li>
            ))}
          </ul>
          {error && (
            <p className="error-text ls-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
