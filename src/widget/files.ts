/**
 * The chat's files as the visitor sees them: photos inline, other files as download links. Bytes
 * are fetched with the visitor token (the server's guard wants it and an allowed Origin, which a
 * plain <img src> or link could not send) and kept as object URLs for the page's life. Each file's
 * element is made once and reused by every redraw, so a photo never reloads or flickers.
 */
import type { WidgetAttachment } from '#shared/webchat';
import type { WidgetApi } from './api';
import { fileSize, h, ICONS, svg } from './dom';

const INLINE = /^image\/(png|jpeg|gif)$/;

/**
 * A blob: URL belongs to the clinic's site: opened in a tab, an SVG or HTML file would run as that
 * site. Only photos keep their type; anything else becomes plain bytes (the browser saves it).
 */
const safeBlob = (b: Blob): Blob => (INLINE.test(b.type) ? b : new Blob([b], { type: 'application/octet-stream' }));

export class FileCache {
  private urls = new Map<string, Promise<string>>();
  private nodes = new Map<string, HTMLElement>();

  constructor(
    private readonly api: WidgetApi,
    /** A photo got its size: the log may have to stay at the bottom. */
    private readonly onImageLoad: () => void,
  ) {}

  /** The file's object URL, fetched once (a failure is forgotten, so a redraw tries again). */
  url(a: WidgetAttachment): Promise<string> {
    let u = this.urls.get(a.id);
    if (!u) {
      u = this.api.file(a.url).then((b) => URL.createObjectURL(safeBlob(b)));
      u.catch(() => this.urls.delete(a.id));
      this.urls.set(a.id, u);
    }
    return u;
  }

  /** The visitor's own file, known locally: no need to download what was just uploaded. */
  seed(id: string, file: Blob): void {
    if (!this.urls.has(id)) this.urls.set(id, Promise.resolve(URL.createObjectURL(safeBlob(file))));
  }

  node(a: WidgetAttachment): HTMLElement {
    let n = this.nodes.get(a.id);
    if (!n) {
      n = INLINE.test(a.contentType) ? this.photo(a) : this.link(a);
      this.nodes.set(a.id, n);
    }
    return n;
  }

  private photo(a: WidgetAttachment): HTMLElement {
    const img = h('img', { alt: a.fileName });
    const link = h('a', { class: 'shot loading', target: '_blank', rel: 'noopener', title: a.fileName }, img);
    img.onload = () => {
      link.classList.remove('loading');
      this.onImageLoad();
    };
    this.url(a).then(
      (u) => {
        img.src = u;
        link.setAttribute('href', u);
      },
      () => link.replaceWith(this.link(a)), // shown as a link: a click tries again
    );
    return link;
  }

  private link(a: WidgetAttachment): HTMLElement {
    const name = h('span', { class: 'fname' }, a.fileName);
    const el = h(
      'a',
      { class: 'file', href: '#', download: a.fileName, title: `Download ${a.fileName}` },
      svg(ICONS.file),
      h('span', { class: 'fmeta' }, name, h('small', {}, fileSize(a.size))),
      svg(ICONS.download),
    );
    el.addEventListener('click', (e) => {
      if (el.getAttribute('href') !== '#') return; // fetched: the browser saves it
      e.preventDefault();
      el.classList.add('busy');
      this.url(a).then(
        (u) => {
          el.classList.remove('busy', 'failed');
          el.setAttribute('href', u);
          el.click();
        },
        () => el.classList.replace('busy', 'failed'),
      );
    });
    this.nodes.set(a.id, el);
    return el;
  }
}
