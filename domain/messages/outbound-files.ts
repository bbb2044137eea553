import { mediaKindOf, type MediaKind } from '../../channels/outbound-media';
import type { ChannelKind } from '../../channels/types';
import { fileMimeType, formatFileSize, isAcceptedMediaType, MAX_ATTACHMENTS, MEDIA_MAX_BYTES } from '../../lib/media-limits';
import type { Deps } from '../deps';
import { badInput } from '../errors';

/** A file as it arrives (a web `File` from a GraphQL multipart upload, or anything shaped like one). */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface OutboundFile {
  fileName: string;
  mimeType: string;
  kind: MediaKind;
  bytes: Uint8Array;
}

/**
 * Reads and checks an operator's files: at most MAX_ATTACHMENTS, each non-empty, at most
 * MEDIA_MAX_BYTES, of a type we keep, and one the chat's platform takes. Throws BAD_USER_INPUT
 * with a sentence naming the file and what to do.
 */
export async function readOutboundFiles(deps: Deps, channelKind: ChannelKind, files: UploadedFile[]): Promise<OutboundFile[]> {
  if (files.length > MAX_ATTACHMENTS) {
    throw badInput(`A message can carry at most ${MAX_ATTACHMENTS} files; this one has ${files.length}. Send the rest in another message.`, {
      field: 'attachments',
      maxCount: MAX_ATTACHMENTS,
    });
  }
  const checked: OutboundFile[] = [];
  for (const [index, file] of files.entries()) {
    const fileName = cleanFileName(file.name, index);
    const field = { field: 'attachments', index, fileName };
    // the declared size first, so a huge upload is refused before it is copied again
    if (file.size > MEDIA_MAX_BYTES) throw tooLarge(fileName, file.size, field);
    const mimeType = fileMimeType(file.type, fileName);
    if (!isAcceptedMediaType(mimeType)) {
      throw badInput(
        `"${fileName}" (${mimeType}) can't be sent. Attach images, audio, video, PDFs, text, CSV, ZIP or office documents instead.`,
        { ...field, mimeType },
      );
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.byteLength === 0) throw badInput(`"${fileName}" is empty. Attach the file again.`, field);
    if (bytes.byteLength > MEDIA_MAX_BYTES) throw tooLarge(fileName, bytes.byteLength, field);
    const problem = deps.channels.mediaProblem(channelKind, { mimeType, size: bytes.byteLength, fileName });
    if (problem) throw badInput(problem, { ...field, mimeType });
    checked.push({ fileName, mimeType, kind: mediaKindOf(mimeType), bytes });
  }
  return checked;
}

function tooLarge(fileName: string, size: number, details: Record<string, unknown>) {
  return badInput(
    `"${fileName}" is ${formatFileSize(size)}; files can be at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB. Send a smaller file or share a link to it.`,
    { ...details, maxBytes: MEDIA_MAX_BYTES },
  );
}

/** Only the last path segment, no control characters, at most 200 characters. */
function cleanFileName(name: string, index: number): string {
  const base = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  if (!base || base === '.' || base === '..') return `file-${index + 1}`;
  return [...base].slice(0, 200).join('');
}

/** Puts the bytes in the media store; if anything fails midway, what was stored is removed again. */
export async function storeOutboundFiles(deps: Deps, files: OutboundFile[]): Promise<string[]> {
  const keys: string[] = [];
  try {
    for (const file of files) keys.push(await deps.media.put(file.bytes));
  } catch (error) {
    await discardStoredFiles(deps, keys);
    throw error;
  }
  return keys;
}

export async function discardStoredFiles(deps: Deps, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => deps.media.remove(key).catch(() => undefined)));
}
