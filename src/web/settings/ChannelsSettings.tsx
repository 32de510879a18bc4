/** Connected channels: Twilio numbers with the webhook URLs to paste into Twilio; connect and remove. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, MessageSquare, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { Channel } from '#shared/channels';
import { del, errorMessage, get } from '../lib/api';
import { formatPhone } from '../lib/format';
import { Spinner } from '../ui/Spinner';
import { ConnectTwilioForm } from './ConnectTwilioForm';

const HOOK_LABELS: Record<string, string> = {
  sms: 'A message comes in',
  smsStatus: 'Message status callback',
  voice: 'A call comes in',
  voiceStatus: 'Call status callback',
  recording: 'Recording status callback',
};

export function ChannelsSettings() {
  const qc = useQueryClient();
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => get<{ items: Channel[] }>('/channels').then((r) => r.items) });
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function remove(c: Channel) {
    if (!window.confirm(`Disconnect ${formatPhone(c.phoneNumber)}? Messages to it will no longer reach the inbox.`)) return;
    setError(null);
    try {
      await del(`/channels/${c.id}`);
      await qc.invalidateQueries({ queryKey: ['channels'] });
      await qc.invalidateQueries({ queryKey: ['sms-numbers'] });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  function copy(url: string) {
    void navigator.clipboard?.writeText(url).then(() => {
      setCopied(url);
      setTimeout(() => setCopied(null), 1500);
    });
  }

  return (
    <>
      <section className="settings-section" aria-labelledby="channels-title">
        <header className="settings-head">
          <h2 id="channels-title">Channels</h2>
          <p className="muted">SMS and calls through your Twilio numbers. Paste the webhook URLs below into each number’s configuration in Twilio.</p>
        </header>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {channels.isPending ? (
          <Spinner label="Loading channels" />
        ) : channels.isError ? (
          <div className="settings-card settings-problem" role="alert">
            <p>Could not load channels: {errorMessage(channels.error)}</p>
          </div>
        ) : channels.data.length === 0 ? (
          <div className="settings-card channel-empty">
            <MessageSquare size={18} aria-hidden="true" />
            <p>No number is connected yet. Connect a Twilio number to text and call clients from the inbox.</p>
          </div>
        ) : (
          channels.data.map((c) => (
            <article key={c.id} className="settings-card channel-card" aria-label={`Twilio number ${formatPhone(c.phoneNumber)}`}>
              <header className="channel-head">
                <div>
                  <h3>
                    {formatPhone(c.phoneNumber)} {c.isDefault && <span className="chip">Default</span>}
                  </h3>
                  <p className="muted">
                    {c.name} · Account {c.accountSid} {c.forwardingNumber && `· Calls ring ${formatPhone(c.forwardingNumber)}`}
                  </p>
                </div>
                <button type="button" className="button small danger" onClick={() => void remove(c)}>
                  <Trash2 size={13} aria-hidden="true" /> Disconnect
                </button>
              </header>
              <dl className="webhook-list">
                {Object.entries(c.webhooks).map(([key, url]) => (
                  <div key={key} className="webhook-row">
                    <dt>{HOOK_LABELS[key] ?? key}</dt>
                    <dd>
                      <code>{url}</code>
                      <button type="button" className="icon-button" aria-label={`Copy ${HOOK_LABELS[key] ?? key} URL`} onClick={() => copy(url)}>
                        <Copy size={13} aria-hidden="true" />
                      </button>
                      {copied === url && <span className="settings-saved">Copied</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            </article>
          ))
        )}
      </section>
      <ConnectTwilioForm onConnected={() => void qc.invalidateQueries({ queryKey: ['channels'] }).then(() => qc.invalidateQueries({ queryKey: ['sms-numbers'] }))} />
    </>
  );
}
