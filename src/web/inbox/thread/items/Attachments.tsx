import { FileText } from 'lucide-react';
import type { Attachment } from '#shared/messages';

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function Attachments({ items }: { items: Attachment[] }) {
  return (
    <div className="attachments">
      {items.map((a) =>
        /^image\/(png|jpeg|gif)$/.test(a.contentType) ? (
          <a key={a.id} href={a.url} target="_blank" rel="noreferrer" className="attachment-image" title={a.fileName}>
            <img src={a.url} alt={a.fileName} loading="lazy" />
          </a>
        ) : a.contentType.startsWith('audio/') ? (
          <audio key={a.id} controls preload="none" src={a.url} aria-label={a.fileName} />
        ) : (
          <a key={a.id} href={a.url} target="_blank" rel="noreferrer" className="attachment-file" title={a.fileName}>
            <FileText size={14} aria-hidden="true" />
            <span className="attachment-name">{a.fileName}</span>
            <span className="muted">{kb(a.size)}</span>
          </a>
        ),
      )}
    </div>
  );
}
