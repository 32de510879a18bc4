/**
 * A small, strict XML reader for TwiML (no dependency): elements, attributes, text, CDATA,
 * comments, the XML declaration, and the five predefined entities plus numeric references.
 */

export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  children: Array<TwimlNode | string>;
}

export class TwimlParseError extends Error {}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) throw new TwimlParseError(`unknown entity ${whole}`);
    return v;
  });
}

export function parseXml(xml: string): TwimlNode {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string): never => {
    throw new TwimlParseError(`${what} at offset ${i}`);
  };
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  const skipUntil = (end: string) => {
    const at = xml.indexOf(end, i);
    if (at < 0) fail(`missing ${end}`);
    i = at + end.length;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (xml.startsWith('<?', i)) skipUntil('?>');
      else if (xml.startsWith('<!--', i)) skipUntil('-->');
      else if (xml.startsWith('<!DOCTYPE', i)) skipUntil('>');
      else return;
    }
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };

  const element = (): TwimlNode => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const node: TwimlNode = { name: name(), attrs: {}, children: [] };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const attr = name();
      skipSpace();
      if (xml[i] !== '=') fail(`expected = after ${attr}`);
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute');
      node.attrs[attr] = decode(xml.slice(i + 1, end));
      i = end + 1;
    }
    for (;;) {
      if (i >= xml.length) fail(`unclosed <${node.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (xml[i] !== '>') fail('expected >');
        i++;
        return node;
      }
      if (xml.startsWith('<!--', i)) skipUntil('-->');
      else if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        node.children.push(xml.slice(i + 9, end));
        i = end + 3;
      } else if (xml[i] === '<') node.children.push(element());
      else {
        const end = xml.indexOf('<', i);
        node.children.push(decode(xml.slice(i, end < 0 ? xml.length : end)));
        i = end < 0 ? xml.length : end;
      }
    }
  };

  skipMisc();
  const root = element();
  skipMisc();
  if (i < xml.length) fail('content after the root element');
  return root;
}

/** Parses a TwiML document; the root must be <Response>. */
export function parseTwiml(xml: string): TwimlNode {
  const root = parseXml(xml.trim());
  if (root.name !== 'Response') throw new TwimlParseError(`root element is <${root.name}>, not <Response>`);
  return root;
}

export function elements(node: TwimlNode): TwimlNode[] {
  return node.children.filter((c): c is TwimlNode => typeof c !== 'string');
}

/** The node's text (its own text children and nested elements'), whitespace-trimmed. */
export function textOf(node: TwimlNode): string {
  return node.children
    .map((c) => (typeof c === 'string' ? c : textOf(c)))
    .join('')
    .trim();
}

/**
 * Resolves an action/Redirect URL against the current document's URL, as Twilio does. An absolute
 * URL is kept exactly as written (it is what gets signed).
 */
export function resolveUrl(target: string, base: string | null): string | null {
  const t = target.trim();
  if (/^https?:\/\//i.test(t)) return t;
  if (!base) return null;
  try {
    return new URL(t, base).toString();
  } catch {
    return null;
  }
}
