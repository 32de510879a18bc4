import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors';

/**
 * The attachment types the inbox accepts (product.md), each with the types its content may be
 * detected as. `text` files must be UTF-8 text; `raw` audio formats have no signature, so they are
 * accepted only when the content is not recognisably something else.
 */
const ALLOWED: Record<string, { mime: string; detected?: string[]; text?: true; raw?: true }> = {
  pdf: { mime: 'application/pdf', detected: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', detected: ['docx', 'zip'] },
  doc: { mime: 'application/msword', detected: ['cfb'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: ['xlsx', 'zip'] },
  xls: { mime: 'application/vnd.ms-excel', detected: ['cfb'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', detected: ['pptx', 'zip'] },
  csv: { mime: 'text/csv', text: true },
  txt: { mime: 'text/plain', text: true },
  vcf: { mime: 'text/vcard', text: true },
  vcard: { mime: 'text/vcard', text: true },
  svg: { mime: 'image/svg+xml', text: true },
  jpg: { mime: 'image/jpeg', detected: ['jpg'] },
  jpeg: { mime: 'image/jpeg', detected: ['jpg'] },
  png: { mime: 'image/png', detected: ['png'] },
  gif: { mime: 'image/gif', detected: ['gif'] },
  mp4: { mime: 'video/mp4', detected: ['mp4', 'm4v', 'mov', 'm4a'] },
  mpeg: { mime: 'video/mpeg', detected: ['mpg', 'mp3', 'mp2', 'mp1'] },
  mp3: { mime: 'audio/mpeg', detected: ['mp3', 'mp2', 'mp1'] },
  wav: { mime: 'audio/wav', detected: ['wav'] },
  wave: { mime: 'audio/wav', detected: ['wav'] },
  aiff: { mime: 'audio/aiff', detected: ['aif'] },
  aif: { mime: 'audio/aiff', detected: ['aif'] },
  aifc: { mime: 'audio/aiff', detected: ['aif'] },
  gsm: { mime: 'audio/gsm', raw: true },
  ulaw: { mime: 'audio/basic', raw: true },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

function refuseAs(fileName: string, why: string, allowed: readonly string[]): never {
  throw new AppError(415, 'attachment_type_not_allowed', `"${fileName}" ${why}. Allowed: ${allowed.map((e) => '.' + e).join(' ')}.`);
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the real content against the name; answers the content type to store. `only` narrows the
 * accepted extensions (a subset of the list above), e.g. for web chat visitors.
 */
export async function checkAttachment(fileName: string, bytes: Buffer, only: readonly string[] = ALLOWED_EXTENSIONS): Promise<string> {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const rule = ext && only.includes(ext) ? ALLOWED[ext] : undefined;
  function refuse(name: string, why: string): never {
    return refuseAs(name, why, only);
  }
  if (!rule) refuse(fileName, 'is not a supported file type');
  const detected = await fileTypeFromBuffer(bytes);
  if (rule.text) {
    if (detected || !isUtf8Text(bytes)) refuse(fileName, `does not contain ${ext!.toUpperCase()} text`);
    if (ext === 'svg' && !/<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'))) refuse(fileName, 'is not an SVG image');
    return rule.mime;
  }
  if (rule.raw) {
    if (detected) refuse(fileName, `contains ${detected.ext.toUpperCase()} data, not ${ext!.toUpperCase()}`);
    return rule.mime;
  }
  if (!detected || !rule.detected!.includes(detected.ext)) {
    refuse(fileName, detected ? `contains ${detected.ext.toUpperCase()} data, not ${ext!.toUpperCase()}` : `is not a valid ${ext!.toUpperCase()} file`);
  }
  return rule.mime;
}
