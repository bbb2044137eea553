import { decodeGlobalID } from '@pothos/plugin-relay';
import { isUuid } from '../domain/chats/get-chat';
import { notFound } from '../domain/errors';

/** Reads a global id of the expected type; anything else is "not found", never a crash. */
export function parseId(globalId: string, typename: string, what = `The ${typename.toLowerCase()}`): string {
  try {
    const { typename: type, id } = decodeGlobalID(globalId);
    if (type === typename && isUuid(id)) return id;
  } catch {
    // fall through
  }
  throw notFound(what);
}
