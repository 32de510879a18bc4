/** Web chat: which sites may embed the widget, its greeting and colour, and the snippet to paste. */
import { useQuery } from '@tanstack/react-query';
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import type { WebchatSettings as Settings } from '#shared/webchat';
import { errorMessage, get } from '../lib/api';
import { Spinner } from '../ui/Spinner';
import { WebchatForm, webchatKey } from './WebchatForm';


export function WebchatSettings() {
  const settings = useQuery({ queryKey: webchatKey, queryFn: () => get<Settings>('/webchat/settings') });

  return (
    <section className="settings-section" aria-labelledby="webchat-title">
      <header className="settings-head">
        <h2 id="webchat-title">Web chat</h2>
        <p className="muted">A chat bubble on the clinic’s website. Visitors’ messages arrive in the inbox as web chat conversations.</p>
      </header>
      {settings.isPending ? (
        <Spinner label="Loading web chat settings" />
      ) : settings.isError ? (
        <div className="settings-card settings-problem" role="alert">
          <p>Could not load the web chat settings: {errorMessage(settings.error)}</p>
          <button type="button" className="button" onClick={() => void settings.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <>
          <WebchatForm settings={settings.data} />
          <EmbedSnippet snippet={settings.data.embedSnippet} ready={settings.data.allowedOrigins.length > 0} />
        </>
      )}
    </section>
  );
}

function EmbedSnippet({ snippet, ready }: { snippet: string; ready: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt('Copy the snippet:', snippet);
    }
  }
  return (
    <div className="settings-card webchat-embed">
      <div className="webchat-embed-head">
        <h3 id="embed-title">Embed code</h3>
        <button type="button" className="button small" onClick={() => void copy()} aria-describedby="embed-title">
          {copied ? <Check size={14} aria-hidden="true" /> : <Copy size={14} aria-hidden="true" />}
          {copied ? 'Copied' : 'Copy snippet'}
        </button>
      </div>
      <p className="muted">Paste it before &lt;/body&gt; on every page of the site{ready ? '.' : ', once the site’s address is in the list above.'}</p>
      <pre className="webchat-snippet" aria-labelledby="embed-title">
        <code>{snippet}</code>
      </pre>
    </div>
  );
}
