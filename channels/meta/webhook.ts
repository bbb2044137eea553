import { isObject } from '../http';
import type { ChannelKind } from '../types';

/**
 * Messenger, Instagram and WhatsApp share one Meta app: one secret, one envelope, told apart by
 * its `object`. Which platform a signed body belongs to; null for an object we don't handle.
 */
const KIND_OF_OBJECT: Record<string, ChannelKind> = {
  page: 'MESSENGER',
  instagram: 'INSTAGRAM',
  whatsapp_business_account: 'WHATSAPP',
};

export function metaWebhookKind(body: unknown): ChannelKind | null {
  const object = isObject(body) ? body.object : undefined;
  return typeof object === 'string' && Object.hasOwn(KIND_OF_OBJECT, object) ? KIND_OF_OBJECT[object] : null;
}
