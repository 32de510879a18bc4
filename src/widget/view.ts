/**
 * The widget's DOM, in a Shadow DOM: the bubble (a button), the panel (a dialog) with the
 * greeting, the messages, the typing line, the "Leave your details" form and the composer (with
 * its attach button; files may also be dropped on the panel or pasted). Text is always set as
 * text, never as HTML. The messages themselves are drawn by thread.ts.
 */
import type { WidgetConfig } from '#shared/webchat';
import { h, ICONS, svg } from './dom';
import { CSS } from './styles';
import { ACCEPT } from './uploads';

/** Dark or light text, whichever reads better on the clinic's colour. */
function onColor(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.35 ? '#111827' : '#ffffff';
}

export type View = ReturnType<typeof buildView>;

export function buildView(config: WidgetConfig) {
  const host = h('div', { id: 'aesthetix-chat' });
  const shadow = host.attachShadow({ mode: 'open' });
  const color = /^#[0-9a-f]{6}$/i.test(config.color) ? config.color : '#0f766e';

  const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  const chatIcon = svg(ICONS.chat);
  const downIcon = svg(ICONS.down);
  downIcon.classList.add('down');
  const bubble = h('button', { type: 'button', class: 'bubble', 'aria-label': 'Open chat', 'aria-expanded': 'false', 'aria-controls': 'aix-panel' }, chatIcon, downIcon, badge);

  const close = h('button', { type: 'button', class: 'icon', 'aria-label': 'Close chat' }, '×');
  const head = h('header', { class: 'head' }, h('div', {}, h('h2', { id: 'aix-title' }, config.locationName), h('p', {}, 'Online')), close);

  const earlier = h('button', { type: 'button', class: 'earlier', hidden: true }, 'Show earlier messages');
  const list = h('ul', {});
  const greeting = h('li', { class: 'msg' }, h('p', { class: 'text' }, config.greeting));
  const log = h('div', { class: 'log', role: 'log', 'aria-label': 'Messages', 'aria-live': 'polite' }, earlier, list);
  const typing = h('p', { class: 'typing', 'aria-live': 'polite', hidden: true });
  const error = h('p', { class: 'error', role: 'alert' });

  const field = (label: string, name: string, type: string, autocomplete: string) => {
    const input = h('input', { name, type, autocomplete });
    return [h('label', {}, label, input), input] as const;
  };
  const [nameLabel, nameInput] = field('Name', 'name', 'text', 'name');
  const [emailLabel, emailInput] = field('E-mail', 'email', 'email', 'email');
  const [phoneLabel, phoneInput] = field('Phone', 'phone', 'tel', 'tel');
  const detailsCancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  const details = h(
    'form',
    { class: 'details', 'aria-labelledby': 'aix-details-title', hidden: true },
    h('h3', { id: 'aix-details-title' }, 'Leave your details so we can get back to you'),
    nameLabel,
    emailLabel,
    phoneLabel,
    h('div', { class: 'row' }, detailsCancel, h('button', { type: 'submit', class: 'btn primary' }, 'Save details')),
  );

  const input = h('textarea', { id: 'aix-input', rows: '1', placeholder: 'Write a message…', maxlength: '5000' });
  const send = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send message', disabled: true }, svg(ICONS.send));
  const fileInput = h('input', { type: 'file', accept: ACCEPT, multiple: true, hidden: true, tabindex: '-1' });
  const attach = h('button', { type: 'button', class: 'attach', 'aria-label': 'Attach a photo or PDF', title: 'Attach a photo or PDF' }, svg(ICONS.clip));
  const composer = h('form', { class: 'composer' }, attach, fileInput, h('label', { class: 'sr', for: 'aix-input' }, 'Message'), input, send);
  const drop = h('div', { class: 'drop', 'aria-hidden': 'true' }, svg(ICONS.clip), 'Drop photos or PDFs to send');
  const detailsToggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, 'Leave your details');
  const foot = h('div', { class: 'foot' }, detailsToggle, h('span', {}, 'Enter to send'));

  const panel = h('section', { id: 'aix-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'aix-title', hidden: true }, head, log, typing, error, details, composer, foot, drop);
  const root = h('div', { class: 'root' }, panel, bubble);
  root.style.setProperty('--c', color);
  root.style.setProperty('--on', onColor(color));
  shadow.append(h('style', {}, CSS), root);

  return {
    host,
    bubble,
    badge,
    panel,
    close,
    log,
    list,
    greeting,
    earlier,
    typing,
    error,
    details,
    detailsCancel,
    detailsToggle,
    nameInput,
    emailInput,
    phoneInput,
    composer,
    input,
    send,
    attach,
    fileInput,
  };
}
