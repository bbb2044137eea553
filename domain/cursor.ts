import { isoString } from '../lib/iso-date';

/** Ids JSON writes as they are, in one byte each (uuids): their cursor is written without JSON.stringify. */
const PLAIN_ID = /^[\w-]*$/;

/**
 * Opaque keyset cursors: a timestamp and an id, so pages stay stable while rows arrive. The JSON
 * of a plain id (a uuid) is written by hand, the same bytes as JSON.stringify's (a page writes 50).
 */
export function encodeCursor(at: Date, id: string): string {
  if (PLAIN_ID.test(id)) return Buffer.from(`["${isoString(at)}","${id}"]`, 'latin1').toString('base64url');
  return Buffer.from(JSON.stringify([isoString(at), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') return null;
    return { at: date, id };
  } catch {
    return null;
  }
}

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export function clampPageSize(requested: number | null | undefined, fallback: number, max: number): number {
  if (requested == null) return fallback;
  if (requested < 0) return 0;
  return Math.min(requested, max);
}

/** `size + 1` rows fetched newest first → one page, each row's cursor from its time and id. */
export function pageOfRows<T>(rows: T[], size: number, hadCursor: boolean, key: (row: T) => { at: Date; id: string }): Page<T> {
  const items = rows.slice(0, size);
  return {
    items,
    cursors: items.map((row) => {
      const { at, id } = key(row);
      return encodeCursor(at, id);
    }),
    hasNextPage: rows.length > size,
    hasPreviousPage: hadCursor,
  };
}
