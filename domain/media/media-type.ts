import { isAcceptedMediaType } from '../../lib/media-limits';

/** Magic numbers of the types we keep, read from a file's first bytes. */
const SIGNATURES: { type: string; at?: number; bytes: number[] | string }[] = [
  { type: 'application/pdf', bytes: '%PDF-' },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: 'GIF8' },
  { type: 'image/webp', at: 8, bytes: 'WEBP' },
  { type: 'audio/wav', at: 8, bytes: 'WAVE' },
  { type: 'audio/ogg', bytes: 'OggS' },
  { type: 'audio/mpeg', bytes: 'ID3' },
  { type: 'audio/amr', bytes: '#!AMR' },
  { type: 'video/webm', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { type: 'image/heic', at: 4, bytes: 'ftypheic' },
  { type: 'video/quicktime', at: 4, bytes: 'ftypqt' },
  { type: 'video/mp4', at: 4, bytes: 'ftyp' },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  // Word, Excel and PowerPoint before 2007 (OLE compound files)
  { type: 'application/msword', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

/** The type a file's first bytes show, or null when they show none we know (plain text, CSV, AAC...). */
export function sniffMediaType(bytes: Uint8Array): string | null {
  for (const { type, at = 0, bytes: signature } of SIGNATURES) {
    const expected = typeof signature === 'string' ? [...signature].map((c) => c.charCodeAt(0)) : signature;
    if (bytes.length >= at + expected.length && expected.every((b, i) => bytes[at + i] === b)) return type;
  }
  return null;
}

const CONTAINERS: Record<string, RegExp> = {
  // .docx, .xlsx, .pptx, .odt... are ZIP files
  'application/zip': /^application\/(zip|vnd\.[\w.+-]+)$/,
  'application/msword': /^application\/(msword|vnd\.ms-[\w.+-]+)$/,
  'video/mp4': /^(video|audio)\/[\w.+-]+$/,
  'video/quicktime': /^video\/[\w.+-]+$/,
  'audio/ogg': /^(audio|video)\/(ogg|opus)$/,
  'video/webm': /^(audio|video)\/(webm|x-matroska)$/,
};

const normalise = (type: string | null | undefined) => (type ?? '').split(';')[0].trim().toLowerCase();

/**
 * The content type a downloaded file is kept (and later served) with: never simply what the sender
 * declared. What the bytes show wins over any label that disagrees with them; a label we can't
 * check is kept only when it is on the allow-list (lib/media-limits.ts); anything else is
 * `application/octet-stream`, which browsers only ever download.
 */
export function storedMediaType(bytes: Uint8Array, labels: (string | null | undefined)[]): string {
  const claimed = labels.map(normalise).find((type) => type && type !== 'application/octet-stream' && isAcceptedMediaType(type)) ?? null;
  const sniffed = sniffMediaType(bytes);
  if (sniffed) {
    if (claimed && (claimed === sniffed || CONTAINERS[sniffed]?.test(claimed))) return claimed;
    return sniffed;
  }
  // a label whose signature we know, on bytes that don't carry it, is not believed
  const checkable = claimed && SIGNATURES.some((s) => s.type === claimed || CONTAINERS[s.type]?.test(claimed));
  if (!claimed || checkable) return 'application/octet-stream';
  return claimed;
}
