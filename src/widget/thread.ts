/**
 * Draws the messages (a chat holds few, so all of them each time; file elements are reused from
 * the FileCache): text, the agent's name once per run, files, the time — and the visitor's own
 * messages still on their way: "Sending…", a file's upload bar, or why it was refused.
 */
import type { WidgetAttachment } from '#shared/webchat';
import { fileSize, h, ICONS, svg } from './dom';
import type { FileCache } from './files';
import type { PendingFile } from './uploads';
import type { View } from './view';

export interface ShownMessage {
  mine: boolean;
  body: string;
  agent: string | null;
  createdAt: string | null;
  pending: boolean;
  attachments: WidgetAttachment[];
  upload?: PendingFile;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

const chip = (p: PendingFile) =>
  h('span', { class: 'file' }, svg(ICONS.file), h('span', { class: 'fmeta' }, h('span', { class: 'fname' }, p.file.name), h('small', {}, fileSize(p.file.size))));

function uploadNode(p: PendingFile): Node[] {
  let what: HTMLElement = chip(p);
  if (p.preview) {
    const img = h('img', { src: p.preview, alt: p.file.name });
    what = h('span', { class: 'shot' }, img);
    // Not a picture after all (the server will say so): show it as a file.
    img.onerror = () => {
      p.preview = null;
      what.replaceWith(chip(p));
    };
  }
  if (p.error) {
    const act = (label: string, name: string) => h('button', { type: 'button', class: 'link', 'data-act': name, 'data-cid': p.clientId }, label);
    return [
      h('div', { class: 'files failed' }, what),
      h('p', { class: 'fail', role: 'alert' }, p.error),
      h('div', { class: 'acts' }, ...(p.canRetry ? [act('Try again', 'retry')] : []), act('Remove', 'remove')),
    ];
  }
  const bar = h('span', { class: 'bar', role: 'progressbar', 'aria-label': `Sending ${p.file.name}`, 'aria-valuemin': '0', 'aria-valuemax': '100' }, h('span', {}));
  const li = h('div', { class: 'files' }, what, bar);
  setBar(li, p.progress);
  return [li];
}

function setBar(root: ParentNode, done: number): void {
  const bar = root.querySelector<HTMLElement>('.bar');
  if (!bar) return;
  const pct = Math.round(done * 100);
  bar.setAttribute('aria-valuenow', String(pct));
  (bar.firstChild as HTMLElement).style.width = `${pct}%`;
}

/** Redraws the messages; stays at the bottom if the reader was there. */
export function renderMessages(v: View, files: FileCache, messages: ShownMessage[], stick: boolean): void {
  const atBottom = v.log.scrollHeight - v.log.scrollTop - v.log.clientHeight < 40;
  const items = messages.map((m, i) => {
    const li = h('li', { class: `msg${m.mine ? ' me' : ''}${m.pending ? ' pending' : ''}` });
    if (m.upload) li.dataset.cid = m.upload.clientId;
    // The agent's name once per run of their messages.
    if (!m.mine && m.agent && messages[i - 1]?.agent !== m.agent) li.append(h('span', { class: 'who' }, m.agent));
    if (m.body) li.append(h('p', { class: 'text' }, m.body));
    if (m.attachments.length) li.append(h('div', { class: 'files' }, ...m.attachments.map((a) => files.node(a))));
    if (m.upload) li.append(...uploadNode(m.upload));
    if (m.createdAt) li.append(h('time', { datetime: m.createdAt }, time(m.createdAt)));
    else if (m.pending && !m.upload?.error) li.append(h('time', {}, 'Sending…'));
    return li;
  });
  v.list.replaceChildren(v.greeting, ...items);
  if (stick || atBottom) v.log.scrollTop = v.log.scrollHeight;
}

/** Moves one upload's bar without redrawing the thread. */
export function showProgress(v: View, p: PendingFile): void {
  const li = [...v.list.children].find((el) => (el as HTMLElement).dataset.cid === p.clientId);
  if (li) setBar(li, p.progress);
}
