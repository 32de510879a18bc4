/** A one-time link just made (invitation or password reset), shown once to copy, with how it travels. */
import { Check, Copy, X } from 'lucide-react';
import { useState } from 'react';

export function OneTimeLink({
  title,
  link,
  expiresAt,
  mailed,
  to,
  onClose,
}: {
  title: string;
  link: string;
  expiresAt: string;
  mailed: boolean;
  to: string;
  onClose(): void;
}) {
  const [copied, setCopied] = useState(false);
  const until = new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="settings-card one-time-link" role="status" aria-label={title}>
      <div className="otl-head">
        <h3>{title}</h3>
        <button type="button" className="icon-button" aria-label="Close" title="Close" onClick={onClose}>
          <X size={15} aria-hidden="true" />
        </button>
      </div>
      <p className="otl-how">
        {mailed ? (
          <>
            E-mailed to <strong>{to}</strong>. You can also copy it below.
          </>
        ) : (
          <>
            This server does not send e-mail: copy the link and send it to <strong>{to}</strong> yourself.
          </>
        )}{' '}
        It works once, until {until}, and is shown only now.
      </p>
      <div className="otl-row">
        <input type="text" readOnly value={link} aria-label="Link" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button"
          onClick={() =>
            void navigator.clipboard?.writeText(link).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            })
          }
        >
          {copied ? <Check size={15} aria-hidden="true" /> : <Copy size={15} aria-hidden="true" />} {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
    </div>
  );
}
