/**
 * The web chat widget: `<script src="<app>/widget.js" data-location="<location id>" async>`.
 * The app's address is the script's own origin. A visitor is created when the chat is first
 * opened; from then on their token (localStorage) brings the conversation back on every page.
 */
import { WidgetApi, WidgetError } from './api';
import { Chat } from './chat';
import { buildView } from './view';

function scriptTag(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.location) return current;
  return document.querySelector<HTMLScriptElement>('script[data-location][src*="widget.js"]');
}

async function boot(script: HTMLScriptElement): Promise<void> {
  const locationId = script.dataset.location!;
  const api = new WidgetApi(new URL(script.src).origin, locationId);
  let config;
  try {
    config = await api.config();
  } catch (err) {
    // A site that is not allowed gets no CORS headers: the browser reports a network error.
    const why = err instanceof WidgetError && err.status ? err.message : `is ${location.origin} among the allowed websites in Settings → Web chat?`;
    console.warn(`Aesthetix chat: not shown — ${why}`);
    return;
  }
  const view = buildView(config);
  document.body.append(view.host);
  new Chat(api, view, config.maxUploadBytes);
}

const script = scriptTag();
if (!script) console.warn('Aesthetix chat: add data-location="<location id>" to the widget script tag.');
else if (document.body) void boot(script);
else document.addEventListener('DOMContentLoaded', () => void boot(script), { once: true });
