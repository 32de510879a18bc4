/** Mentions are written @[Display Name](user-uuid) in a comment body (no zod here: the web app imports it). */
export const MENTION_RE = /@\[([^\]\n]{1,100})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/g;

export function parseMentions(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_RE)].map((m) => m[2]))];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Plain "@Full Name" of team members → the mention syntax (longest names first, so "@Ann Lee Smith"
 * wins over "@Ann Lee"): "@Jordan Lee, can you…" → "@[Jordan Lee](uuid), can you…". The composer
 * shows names; this is what it sends. Not after a letter or digit (an e-mail address stays as it is).
 */
export function encodeMentions(text: string, team: { id: string; name: string }[]): string {
  let out = text;
  for (const m of [...team].sort((a, b) => b.name.length - a.name.length)) {
    out = out.replace(new RegExp(`(^|[^\\w])@${escapeRe(m.name)}(?![\\w])`, 'g'), (_, pre: string) => `${pre}@[${m.name}](${m.id})`);
  }
  return out;
}
