/**
 * The ways a visitor gives the chat files: the attach button, pasting into the message box, and
 * dropping onto the panel (which says so while a file is dragged over it). Also the "Try again"
 * and "Remove" buttons of a refused file.
 */
import type { View } from './view';

export function bindFileInput(v: View, add: (files: File[]) => void, act: (action: string, clientId: string) => void): void {
  const take = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []);
    if (files.length) add(files);
    return files.length > 0;
  };
  v.attach.addEventListener('click', () => v.fileInput.click());
  v.fileInput.addEventListener('change', () => {
    take(v.fileInput.files);
    v.fileInput.value = '';
  });
  v.input.addEventListener('paste', (e) => {
    if (take(e.clipboardData?.files)) e.preventDefault();
  });

  let depth = 0; // dragenter/leave fire for every child crossed
  const dragging = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  v.panel.addEventListener('dragenter', (e) => {
    if (!dragging(e)) return;
    depth++;
    v.panel.classList.add('dropping');
  });
  v.panel.addEventListener('dragleave', () => {
    if (--depth <= 0) (depth = 0), v.panel.classList.remove('dropping');
  });
  v.panel.addEventListener('dragover', (e) => {
    if (dragging(e)) e.preventDefault();
  });
  v.panel.addEventListener('drop', (e) => {
    depth = 0;
    v.panel.classList.remove('dropping');
    if (take(e.dataTransfer?.files)) e.preventDefault();
  });

  v.list.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLElement>('[data-act]');
    if (b?.dataset.cid) act(b.dataset.act!, b.dataset.cid);
  });
}
