/**
 * What files we keep and send, the same rules for a customer's download and an operator's upload.
 * Plain data and functions only: the server (domain/media, domain/messages) and the composer in the
 * browser both import it, so the browser's checks mirror the server's exactly.
 */

/** The largest file we download or send. */
export const MEDIA_MAX_BYTES = 25 * 1024 * 1024;

/** Files one message may carry. */
export const MAX_ATTACHMENTS = 10;

/** What we keep and send; anything else (HTML, scripts, executables) is not fetched or sent. */
const ACCEPTED = [/^image\//, /^audio\//, /^video\//, /^application\/pdf$/, /^text\/plain$/, /^text\/csv$/, /^application\/(zip|msword|octet-stream|vnd\.[\w.+-]+)$/];

export function isAcceptedMediaType(mime: string): boolean {
  const type = mime.split(';')[0].trim().toLowerCase();
  return ACCEPTED.some((re) => re.test(type));
}

/** For the file picker's `accept`: the same families as ACCEPTED. */
export const ACCEPT_ATTRIBUTE = 'image/*,audio/*,video/*,application/pdf,text/plain,text/csv,application/zip,application/msword,application/vnd.*,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.zip';

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/**
 * The file's type as we store and send it: the one it came with, or, when that says nothing
 * (empty, or `application/octet-stream` as curl and some browsers send), the one its name implies.
 */
export function fileMimeType(declared: string | null | undefined, fileName: string): string {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (type && type !== 'application/octet-stream') return type;
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || 'application/octet-stream';
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
