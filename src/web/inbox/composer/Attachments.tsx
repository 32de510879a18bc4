/** The composer's files: the attach button (its picker offers what the channel takes) and a chip per file. */
import { Paperclip, X } from 'lucide-react';
import { useRef } from 'react';
import { acceptAttribute, ATTACHMENT_EXTENSIONS } from '#shared/attachment-types';
import type { useAttachments } from './useAttachments';

type Files = ReturnType<typeof useAttachments>;

export function AttachButton({ files, extensions = ATTACHMENT_EXTENSIONS, disabled }: { files: Files; extensions?: readonly string[]; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="Attach files"
        title={disabled ? 'This channel cannot carry files' : 'Attach files'}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        <Paperclip size={16} aria-hidden="true" />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={acceptAttribute(extensions)}
        onChange={(e) => {
          if (e.target.files) files.add(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}

export function FileChips({ files }: { files: Files }) {
  if (files.files.length === 0) return null;
  return (
    <ul className="composer-files" aria-label="Attachments">
      {files.files.map((f) => (
        <li key={f.key} className={`file-chip${f.error ? ' error' : ''}`}>
          <span className="file-name" title={f.name}>
            {f.name}
          </span>
          <span className="file-state">{f.error ? f.error : f.uploaded ? '' : 'Uploading…'}</span>
          <button type="button" className="icon-button" aria-label={`Remove ${f.name}`} onClick={() => files.remove(f.key)}>
            <X size={12} aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}
