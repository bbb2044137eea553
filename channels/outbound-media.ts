/**
 * What every platform's file rules share: a file's base type and the kind of bubble it makes.
 * Each platform's own rules (what it shows as a photo, a voice note, a document, and what it
 * refuses) live in its adapter's `planMedia`; `planOutboundMedia` in channels/registry.ts asks the
 * right one. Limits come from PLATFORMS.md and, where it is silent, the platforms' media
 * references (marked [UNCONFIRMED] there).
 */
import { ChannelSendError, type MediaKind, type MediaPlan, type MediaSendAs, type OutgoingFileFacts } from './types';

export type { MediaKind, MediaPlan, MediaSendAs, OutgoingFileFacts } from './types';

export const MB = 1024 * 1024;

export function baseMimeType(mime: string): string {
  return mime.split(';')[0].trim().toLowerCase();
}

export function mediaKindOf(mime: string): MediaKind {
  const type = baseMimeType(mime);
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

/** "the file" in an operator's sentence: its name in quotes when it has one. */
export function fileLabel(fileName: string | undefined): string {
  return fileName ? `"${fileName}"` : 'This file';
}

/** How `media` goes out under `plan`, or the refusal as a permanent send error (nothing to retry). */
export function sendAsOrRefuse(plan: (file: OutgoingFileFacts) => MediaPlan, media: { mimeType: string; bytes: Uint8Array; fileName: string }): MediaSendAs {
  const planned = plan({ mimeType: media.mimeType, size: media.bytes.byteLength, fileName: media.fileName });
  if (planned.problem !== undefined) throw new ChannelSendError('permanent', planned.problem);
  return planned.sendAs;
}
