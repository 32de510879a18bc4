/**
 * The widget's DOM, in a Shadow DOM: the bubble (a button), the panel (a dialog) with the
 * greeting, the messages, the typing line, the "Leave your details" form and the composer.
 * Text is always set as text, never as HTML.
 */
import type { WidgetConfig } from '#shared/webchat';
import { CSS } from './styles';

type Attrs = Record<string, string | boolean>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children);
  return el;
}

const svg = (path: string) => {
  const s = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('fill', 'none');
  s.setAttribute('stroke', 'currentColor');
  s.setAttribute('stroke-width', '2');
  s.setAttribute('stroke-linecap', 'round');
  s.setAttribute('stroke-linejoin', 'round');
  s.setAttribute('aria-hidden', 'true');
  s.innerHTML = `<path d="${path}"/>`;
  return s;
};
const CHAT_ICON = 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z';
const SEND_ICON = 'M22 2 11 13M22 2l-7 20-4-9-9-4 20-7z';
const DOWN_ICON = 'm6 9 6 6 6-6';

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
  const chatIcon = svg(CHAT_ICON);
  const downIcon = svg(DOWN_ICON);
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
  const send = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send message', disabled: true }, svg(SEND_ICON));
  const composer = h('form', { class: 'composer' }, h('label', { class: 'sr', for: 'aix-input' }, 'Message'), input, send);
  const detailsToggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, 'Leave your details');
  const foot = h('div', { class: 'foot' }, detailsToggle, h('span', {}, 'Enter to send'));

  const panel = h('section', { id: 'aix-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'aix-title', hidden: true }, head, log, typing, error, details, composer, foot);
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
  };
}

export interface ShownMessage {
  mine: boolean;
  body: string;
  agent: string | null;
  createdAt: string | null;
  pending: boolean;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

/** Redraws the messages (a chat holds few); stays at the bottom if the reader was there. */
export function renderMessages(v: View, messages: ShownMessage[], stick: boolean): void {
  const atBottom = v.log.scrollHeight - v.log.scrollTop - v.log.clientHeight < 40;
  const items = messages.map((m, i) => {
    const li = h('li', { class: `msg${m.mine ? ' me' : ''}${m.pending ? ' pending' : ''}` });
    // The agent's name once per run of their messages.
    if (!m.mine && m.agent && messages[i - 1]?.agent !== m.agent) li.append(h('span', { class: 'who' }, m.agent));
    li.append(h('p', { class: 'text' }, m.body));
    if (m.createdAt) li.append(h('time', { datetime: m.createdAt }, time(m.createdAt)));
    else if (m.pending) li.append(h('time', {}, 'Sending…'));
    return li;
  });
  v.list.replaceChildren(v.greeting, ...items);
  if (stick || atBottom) v.log.scrollTop = v.log.scrollHeight;
}
