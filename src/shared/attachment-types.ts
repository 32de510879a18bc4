/**
 * The attachment types the inbox accepts (product.md: the seed's 25 extensions), with the MIME type
 * each is stored and served as. Plain data: the server checks content against it
 * (server/attachments/file-types.ts), the composer's file picker filters to it, channels narrow it
 * (channel-catalog.ts).
 */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  csv: 'text/csv',
  txt: 'text/plain',
  vcf: 'text/vcard',
  vcard: 'text/vcard',
  svg: 'image/svg+xml',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  wave: 'audio/wav',
  aiff: 'audio/aiff',
  aif: 'audio/aiff',
  aifc: 'audio/aiff',
  gsm: 'audio/gsm',
  ulaw: 'audio/basic',
} as const;

export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[];

/** The `accept` attribute of a file input for these extensions. */
export const acceptAttribute = (extensions: readonly string[]) => extensions.map((e) => `.${e}`).join(',');
