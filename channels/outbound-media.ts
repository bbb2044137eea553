/**
 * How each platform takes a file an operator sends: as a photo, an audio file, a voice note, a
 * video, or a plain file/document, and what it refuses outright. Limits come from PLATFORMS.md
 * (Messenger A.4: 25 MB; Instagram B.3: image/audio/video types and sizes) and, where PLATFORMS.md
 * is silent, from the platforms' media references (WhatsApp media types and sizes, Telegram's
 * sendPhoto/sendAudio/sendVoice/sendVideo): those are marked [UNCONFIRMED] below. A file a
 * platform would not show as media goes as a document wherever the platform has documents.
 */
import type { ChannelKind } from './types';

/** What is stored on the attachment and shown in the bubble. */
export type MediaKind = 'image' | 'audio' | 'video' | 'file';

/** How the file goes out on the platform; `voice` is Telegram's voice note (OGG/Opus). */
export type MediaSendAs = 'image' | 'audio' | 'voice' | 'video' | 'file';

export interface OutgoingFileFacts {
  mimeType: string;
  size: number;
  fileName?: string;
}

const MB = 1024 * 1024;

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

const INSTAGRAM = {
  image: { types: ['image/png', 'image/jpeg', 'image/gif'], max: 8 * MB },
  // aac, m4a, wav, mp4 (B.3)
  audio: { types: ['audio/aac', 'audio/x-aac', 'audio/mp4', 'audio/m4a', 'audio/x-m4a', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'], max: 25 * MB },
  // mp4, ogg, avi, mov, webm (B.3)
  video: { types: ['video/mp4', 'video/ogg', 'video/x-msvideo', 'video/avi', 'video/quicktime', 'video/webm'], max: 25 * MB },
};

// [UNCONFIRMED] WhatsApp's media reference: images JPEG/PNG up to 5 MB, audio up to 16 MB, video
// MP4/3GPP up to 16 MB, documents up to 100 MB.
const WHATSAPP = {
  image: { types: ['image/jpeg', 'image/png'], max: 5 * MB },
  audio: { types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], max: 16 * MB },
  video: { types: ['video/mp4', 'video/3gpp'], max: 16 * MB },
  document: { max: 100 * MB },
};

// [UNCONFIRMED] Bot API: photos up to 10 MB, other uploads up to 50 MB; sendAudio takes MP3/M4A,
// sendVoice OGG/Opus, sendVideo MP4.
const TELEGRAM = {
  image: { types: ['image/jpeg', 'image/png', 'image/webp'], max: 10 * MB },
  audio: { types: ['audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/m4a', 'audio/x-m4a'] },
  voice: { types: ['audio/ogg', 'audio/opus'] },
  video: { types: ['video/mp4'] },
  upload: { max: 50 * MB },
};

const MESSENGER = {
  // A.4: every attachment type up to 25 MB
  max: 25 * MB,
  image: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
};

export type MediaPlan = { sendAs: MediaSendAs; problem?: undefined } | { sendAs?: undefined; problem: string };

/** How `kind` sends this file, or why it can't (a sentence that says what to do). */
export function planOutboundMedia(kind: ChannelKind, file: OutgoingFileFacts): MediaPlan {
  const type = baseMimeType(file.mimeType);
  const name = file.fileName ? `"${file.fileName}"` : 'This file';
  const media = mediaKindOf(type);
  switch (kind) {
    case 'MESSENGER': {
      if (file.size > MESSENGER.max) return { problem: `${name} is larger than the 25 MB Messenger accepts; send a smaller file.` };
      if (media === 'image') return { sendAs: MESSENGER.image.includes(type) ? 'image' : 'file' };
      return { sendAs: media };
    }
    case 'INSTAGRAM': {
      const rule = media === 'file' ? undefined : INSTAGRAM[media];
      if (!rule || !rule.types.includes(type)) {
        return {
          problem: `Instagram only accepts images (PNG, JPEG, GIF), audio (AAC, M4A, WAV, MP4) and videos (MP4, OGG, AVI, MOV, WebM); ${name} is ${type}. Share it another way, or convert it.`,
        };
      }
      if (file.size > rule.max) {
        return { problem: `${name} is larger than the ${rule.max / MB} MB Instagram accepts for ${media === 'image' ? 'images' : media}; send a smaller file.` };
      }
      return { sendAs: media };
    }
    case 'WHATSAPP': {
      if (file.size > WHATSAPP.document.max) return { problem: `${name} is larger than the 100 MB WhatsApp accepts; send a smaller file.` };
      const rule = media === 'file' ? undefined : WHATSAPP[media];
      // a photo or clip WhatsApp would not show as media still arrives, as a document
      return { sendAs: rule && rule.types.includes(type) && file.size <= rule.max ? media : 'file' };
    }
    case 'TELEGRAM': {
      if (file.size > TELEGRAM.upload.max) return { problem: `${name} is larger than the 50 MB a Telegram bot can send; send a smaller file.` };
      if (TELEGRAM.image.types.includes(type) && file.size <= TELEGRAM.image.max) return { sendAs: 'image' };
      if (TELEGRAM.voice.types.includes(type)) return { sendAs: 'voice' };
      if (TELEGRAM.audio.types.includes(type)) return { sendAs: 'audio' };
      if (TELEGRAM.video.types.includes(type)) return { sendAs: 'video' };
      return { sendAs: 'file' };
    }
  }
}
