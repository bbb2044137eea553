/**
 * The image formats we keep as a customer's picture, told by their first bytes (platforms label
 * pictures loosely: Telegram serves every file as `application/octet-stream`). SVG is not among
 * them: it can carry script.
 */
export type PictureType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export function sniffPictureType(bytes: Uint8Array): PictureType | null {
  const starts = (offset: number, ...sig: number[]) => bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0, ...ascii('GIF87a')) || starts(0, ...ascii('GIF89a'))) return 'image/gif';
  if (starts(0, ...ascii('RIFF')) && starts(8, ...ascii('WEBP'))) return 'image/webp';
  return null;
}

/** A declared Content-Type a picture download may have: one of ours, or one that says nothing. */
export function isPictureContentType(mimeType: string): boolean {
  const type = mimeType.split(';')[0].trim().toLowerCase();
  return ['image/jpeg', 'image/jpg', 'image/png', 'image/gif', 'image/webp', 'application/octet-stream', 'binary/octet-stream'].includes(type);
}
