/** The widget's settings form: allowed sites (one per line), greeting and colour. */
import { useQueryClient } from '@tanstack/react-query';
import { SaveBar } from './SaveBar';
import { useState, type FormEvent } from 'react';
import type { WebchatSettings } from '#shared/webchat';
import { put } from '../lib/api';
import { fieldErrors, plainError } from '../lib/field-errors';
import { Field } from './Field';

export const webchatKey = ['webchat-settings'] as const;


const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export function WebchatForm({ settings }: { settings: WebchatSettings }) {
  const qc = useQueryClient();
  const [origins, setOrigins] = useState(settings.allowedOrigins.join('\n'));
  const [greeting, setGreeting] = useState(settings.greeting);
  const [color, setColor] = useState(settings.color);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const dirty = lines(origins).join('\n') !== settings.allowedOrigins.join('\n') || greeting.trim() !== settings.greeting || color !== settings.color;
  const edit = <T,>(set: (v: T) => void) => (v: T) => (set(v), setSaved(false));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const next = await put<WebchatSettings>('/webchat/settings', { allowedOrigins: lines(origins), greeting: greeting.trim(), color });
      qc.setQueryData(webchatKey, next);
      setOrigins(next.allowedOrigins.join('\n'));
      setGreeting(next.greeting);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fields = fieldErrors(error);
  const originKey = Object.keys(fields).find((k) => k.startsWith('allowedOrigins'));
  const originLine = originKey ? Number(originKey.split('.')[1]) : NaN;
  const originError = originKey
    ? `${Number.isFinite(originLine) ? `Line ${originLine + 1} (${lines(origins)[originLine] ?? ''})` : 'The list'} ${fields[originKey]}.`
    : undefined;
  const otherError = error != null && !originKey && !fields.greeting && !fields.color;

  return (
    <form className="settings-card settings-form" onSubmit={submit} noValidate>
      <Field label="Websites allowed to show the chat" error={originError} hint="One address per line, such as https://glowclinic.com — the chat refuses every other site.">
        {(p) => <textarea {...p} rows={3} value={origins} spellCheck={false} placeholder="https://glowclinic.com" onChange={(e) => edit(setOrigins)(e.target.value)} />}
      </Field>
      <Field label="Greeting" error={fields.greeting && `Greeting ${fields.greeting}.`} hint="The first thing visitors read when they open the chat.">
        {(p) => <input {...p} type="text" value={greeting} maxLength={300} onChange={(e) => edit(setGreeting)(e.target.value)} />}
      </Field>
      <Field label="Colour" error={fields.color && `Colour ${fields.color}.`}>
        {(p) => (
          <span className="webchat-color">
            <input {...p} type="color" value={color} onChange={(e) => edit(setColor)(e.target.value)} />
            <code>{color}</code>
          </span>
        )}
      </Field>
      {otherError && (
        <p className="form-error" role="alert">
          {plainError(error, (k) => k)}
        </p>
      )}
      <SaveBar saved={saved} dirty={dirty} busy={busy} />
    </form>
  );
}
