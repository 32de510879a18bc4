/** The location form: only what changed is sent; the header shows the new name once saved. */
import { useQueryClient } from '@tanstack/react-query';
import { SaveBar } from './SaveBar';
import { useMemo, useState, type FormEvent } from 'react';
import { patch } from '../lib/api';
import { fieldErrors, plainError } from '../lib/field-errors';
import { countryOptions, timeZoneOptions } from './countries';
import { Field } from './Field';

export interface Location {
  id: string;
  name: string;
  timezone: string;
  country: string;
  smsOptOutLine: string;
}

const LABELS: Record<string, string> = { name: 'Name', timezone: 'Time zone', country: 'Country', smsOptOutLine: 'Opt-out line' };

export function LocationForm({ location }: { location: Location }) {
  const qc = useQueryClient();
  const [name, setName] = useState(location.name);
  const [timezone, setTimezone] = useState(location.timezone);
  const [country, setCountry] = useState(location.country);
  const [optOut, setOptOut] = useState(location.smsOptOutLine);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [missingName, setMissingName] = useState(false);
  const zones = useMemo(() => timeZoneOptions(location.timezone), [location.timezone]);
  const countries = useMemo(() => countryOptions(location.country), [location.country]);

  const change = {
    ...(name.trim() !== location.name && { name: name.trim() }),
    ...(timezone !== location.timezone && { timezone }),
    ...(country !== location.country && { country }),
    ...(optOut.trim() !== location.smsOptOutLine && { smsOptOutLine: optOut.trim() }),
  };
  const dirty = Object.keys(change).length > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    setMissingName(!name.trim());
    if (!name.trim()) return;
    setBusy(true);
    try {
      const updated = await patch<Location>('/location', change);
      qc.setQueryData(['location'], updated);
      await qc.invalidateQueries({ queryKey: ['me'] });
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields: Record<string, string> = Object.fromEntries(Object.entries(fieldErrors(error)).map(([k, m]) => [k, `${LABELS[k] ?? k} ${m}.`]));
  if (missingName) fields.name = 'Enter a name for the location.';
  // Anything not shown next to a field of this form is shown above the button.
  const otherError = error != null && !Object.keys(fields).some((k) => k in LABELS);

  return (
    <form className="settings-card settings-form" onSubmit={submit} noValidate>
      <Field label="Name" error={fields.name}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={name}
            maxLength={200}
            autoComplete="organization"
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
              setMissingName(false);
            }}
          />
        )}
      </Field>
      <div className="settings-row">
        <Field label="Time zone" error={fields.timezone}>
          {(p) => (
            <select {...p} value={timezone} onChange={(e) => (setTimezone(e.target.value), setSaved(false))}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Country" error={fields.country} hint="Phone numbers typed without a country code are read as numbers of this country.">
          {(p) => (
            <select {...p} value={country} onChange={(e) => (setCountry(e.target.value), setSaved(false))}>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="SMS opt-out line" error={fields.smsOptOutLine} hint="Added to the first text to each contact. Leave empty to send none.">
        {(p) => <input {...p} type="text" value={optOut} maxLength={160} onChange={(e) => (setOptOut(e.target.value), setSaved(false))} />}
      </Field>
      {otherError && (
        <p className="form-error" role="alert">
          {plainError(error, (k) => LABELS[k] ?? k)}
        </p>
      )}
      <SaveBar saved={saved} dirty={dirty} busy={busy} />
    </form>
  );
}
