/** The one-line previews of a message: the conversation row's, and a notification's. */

const PREVIEW_LENGTH = 200;

const cut = (flat: string) => (flat.length > PREVIEW_LENGTH ? flat.slice(0, PREVIEW_LENGTH - 1) + '…' : flat);

/** One line of at most 200 characters (whitespace folded); null when there is no text. */
export function oneLine(body: string | null | undefined): string | null {
  const flat = body?.replace(/\s+/g, ' ').trim();
  return flat ? cut(flat) : null;
}

/** The conversation's preview of a message; a file-only message by its first file's name ("📎 photo.jpg +1"). */
export function preview(body: string | null | undefined, files: { fileName: string }[] = []): string | null {
  if (!body?.trim() && files.length) return `📎 ${files[0].fileName}${files.length > 1 ? ` +${files.length - 1}` : ''}`.slice(0, PREVIEW_LENGTH);
  if (!body) return null;
  return cut(body.replace(/\s+/g, ' ').trim());
}
