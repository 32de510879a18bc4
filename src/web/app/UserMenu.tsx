/** The signed-in member's menu (their avatar in the top bar): who they are and their preferences. */
import { useQueryClient } from '@tanstack/react-query';
import { useDismiss } from '../ui/useDismiss';
import { useId, useRef, useState } from 'react';
import type { Me } from '#shared/auth';
import type { Preferences } from '#shared/preferences';
import { errorMessage, patch } from '../lib/api';
import { keys, usePreferences } from '../lib/queries';
import { Avatar } from '../ui/Avatar';
import { Switch } from '../ui/Switch';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SignOutEverywhere } from './SignOutEverywhere';
import './user-menu.css';

export function UserMenu({ user }: { user: NonNullable<Me['user']> }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [security, setSecurity] = useState<'password' | 'everywhere' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const prefs = usePreferences();
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  const close = () => {
    setOpen(false);
    setSecurity(null);
    setDone(null);
  };
  useDismiss(open, close, root, () => root.current?.querySelector<HTMLElement>('.user-menu-button'));

  async function change(next: Partial<Preferences>) {
    setError(null);
    const before = prefs.data;
    if (before) qc.setQueryData(keys.preferences(), { ...before, ...next });
    try {
      qc.setQueryData(keys.preferences(), await patch<Preferences>('/me/preferences', next));
    } catch (err) {
      qc.setQueryData(keys.preferences(), before);
      setError(errorMessage(err));
    }
  }

  return (
    <div className="user-menu" ref={root}>
      <button type="button" className="user-menu-button" aria-label="Account and preferences" aria-expanded={open} aria-controls={id} onClick={() => (open ? close() : setOpen(true))}>
        <Avatar name={user.name} size={28} title={`${user.name} (${user.role})`} />
      </button>
      {open && (
        <div className="user-menu-panel" id={id} role="dialog" aria-label="Account and preferences">
          <div className="um-who">
            <strong>{user.name}</strong>
            <span className="muted">{user.email}</span>
          </div>
          <h3 className="um-heading">Preferences</h3>
          <div className="um-pref">
            <label htmlFor={`${id}-read`}>
              Mark conversations read when I open them
              <small className="muted">Off: a conversation stays unread until someone replies or marks it read.</small>
            </label>
            <Switch
              id={`${id}-read`}
              label="Mark conversations read when I open them"
              checked={!!prefs.data?.markReadOnOpen}
              disabled={!prefs.data}
              onChange={(v) => void change({ markReadOnOpen: v })}
            />
          </div>
          {error && <p className="error-text">{error}</p>}
          <h3 className="um-heading">Security</h3>
          {security === 'password' ? (
            <ChangePasswordForm
              who={{ email: user.email, name: user.name }}
              onCancel={() => setSecurity(null)}
              onDone={(message) => {
                setSecurity(null);
                setDone(message);
              }}
            />
          ) : security === 'everywhere' ? (
            <SignOutEverywhere onCancel={() => setSecurity(null)} />
          ) : (
            <div className="um-security">
              {done && (
                <p className="um-done" role="status">
                  {done}
                </p>
              )}
              <button type="button" className="button small" onClick={() => (setDone(null), setSecurity('password'))}>
                Change password
              </button>
              <button type="button" className="button small" onClick={() => (setDone(null), setSecurity('everywhere'))}>
                Sign out everywhere
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
