/**
 * Files the visitor is sending: each one becomes its own message, shown at once (a photo with its
 * local preview) with the upload's progress, then replaced by the stored message. Files the chat
 * cannot take (type, size) and refused uploads stay in the thread with the reason; a failure that
 * may pass later (network, busy server) can be tried again without uploading twice.
 */
import type { WidgetAttachment, WidgetMessage } from '#shared/webchat';
import { WidgetError, type WidgetApi } from './api';
import { fileSize } from './dom';
import type { FileCache } from './files';

export const ACCEPT = 'image/jpeg,image/png,image/gif,application/pdf,.jpg,.jpeg,.png,.gif,.pdf';
const ALLOWED = /\.(jpe?g|png|gif|pdf)$/i;

export interface PendingFile {
  clientId: string;
  file: File;
  /** Local preview of a photo. */
  preview: string | null;
  progress: number;
  error: string | null;
  canRetry: boolean;
  uploaded: WidgetAttachment | null;
}

export interface UploadEvents {
  /** Items came, went or failed: redraw. */
  changed(): void;
  progress(p: PendingFile): void;
  sent(m: WidgetMessage, hadToken: boolean): void;
}

export class Uploads {
  items: PendingFile[] = [];

  constructor(
    private readonly api: WidgetApi,
    private readonly files: FileCache,
    private readonly maxBytes: number,
    private readonly on: UploadEvents,
  ) {}

  add(list: FileList | File[], newClientId: () => string): void {
    for (const file of Array.from(list)) {
      const photo = /^image\/(png|jpeg|gif)$/.test(file.type);
      const p: PendingFile = { clientId: newClientId(), file, preview: photo ? URL.createObjectURL(file) : null, progress: 0, error: null, canRetry: false, uploaded: null };
      if (!ALLOWED.test(file.name)) p.error = `"${file.name}" can't be sent: only photos (JPG, PNG, GIF) and PDF files.`;
      else if (file.size > this.maxBytes) p.error = `"${file.name}" is larger than ${fileSize(this.maxBytes)}, the largest file you can send.`;
      this.items.push(p);
      if (!p.error) void this.run(p);
    }
    this.on.changed();
  }

  retry(clientId: string): void {
    const p = this.items.find((x) => x.clientId === clientId);
    if (!p || !p.canRetry) return;
    p.error = null;
    p.canRetry = false;
    this.on.changed();
    void this.run(p);
  }

  remove(clientId: string): void {
    const p = this.items.find((x) => x.clientId === clientId);
    if (p?.preview) URL.revokeObjectURL(p.preview);
    this.items = this.items.filter((x) => x !== p);
    this.on.changed();
  }

  /** The stored message arrived (from the answer or the socket): the pending item is done. */
  settle(clientId: string | null): void {
    this.items = this.items.filter((x) => x.clientId !== clientId);
  }

  private async run(p: PendingFile): Promise<void> {
    try {
      const hadToken = !!this.api.token;
      if (!p.uploaded) {
        p.uploaded = await this.api.upload(p.file, (done) => {
          p.progress = done;
          this.on.progress(p);
        });
        this.files.seed(p.uploaded.id, p.file);
      }
      this.on.sent(await this.api.send('', p.clientId, [p.uploaded.id]), hadToken);
    } catch (err) {
      p.error = err instanceof WidgetError ? err.message : 'The file could not be sent. Try again.';
      p.canRetry = !(err instanceof WidgetError) || err.status === 0 || err.status === 429 || err.status >= 500;
      this.on.changed();
    }
  }
}
