import { useState } from 'react';
import type { Attachment } from '#shared/messages';
import { api, errorMessage } from '../../lib/api';

export interface PendingFile {
  key: string;
  name: string;
  uploaded?: Attachment;
  error?: string;
}

/** Files added to the composer: each uploads at once (checked by the server), then rides along. */
export function useAttachments() {
  const [files, setFiles] = useState<PendingFile[]>([]);

  function add(list: FileList | File[]) {
    for (const file of Array.from(list)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setFiles((f) => [...f, { key, name: file.name }]);
      const body = new FormData();
      body.append('file', file, file.name);
      api<Attachment>('POST', '/attachments', body).then(
        (uploaded) => setFiles((f) => f.map((x) => (x.key === key ? { ...x, uploaded } : x))),
        (err) => setFiles((f) => f.map((x) => (x.key === key ? { ...x, error: errorMessage(err) } : x))),
      );
    }
  }

  return {
    files,
    add,
    remove: (key: string) => setFiles((f) => f.filter((x) => x.key !== key)),
    clear: () => setFiles([]),
    uploading: files.some((f) => !f.uploaded && !f.error),
    ids: files.filter((f) => f.uploaded).map((f) => f.uploaded!.id),
  };
}
