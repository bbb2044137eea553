import type { Tx } from '../../db/client';
import { webhookEvents } from '../../db/schema';

export interface RawEventRow {
  provider: string;
  dedupeKey: string;
  channelId: string;
  payload: unknown;
}

/**
 * Stores one raw event and applies it in a savepoint of its own, so data the database refuses
 * rolls back this event only. False when the event was already stored (a duplicate delivery) or
 * `apply` says it changed nothing.
 */
export async function storeOnce(tx: Tx, row: RawEventRow, apply: (sp: Tx) => Promise<boolean | void>): Promise<boolean> {
  return tx.transaction(async (sp) => {
    const [stored] = await sp
      .insert(webhookEvents)
      .values({ provider: row.provider, dedupeKey: row.dedupeKey, channelId: row.channelId, payload: row.payload ?? {} })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    return stored ? (await apply(sp as Tx)) !== false : false;
  });
}

/**
 * Why the database refused an event's data (SQLSTATE class 22, "data exception": bad encoding,
 * out-of-range times or numbers, unsupported escapes), or a JavaScript range error while
 * converting it (an invalid Date); null for anything else, which must fail the batch.
 */
export function rejectionReason(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof RangeError) return `RangeError: ${e.message}`;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return `${code}: ${(e as Error).message}`;
  }
  return null;
}

/**
 * `storeOnce`, counted: stored or a duplicate; data the database refuses is counted as rejected
 * and its reason returned (null otherwise), so the rest of the batch goes on. Other errors fail it.
 */
export async function storeCounted(
  tx: Tx,
  row: RawEventRow,
  counts: { stored: number; duplicates: number; rejected: number },
  apply: (sp: Tx) => Promise<boolean | void>,
): Promise<string | null> {
  try {
    if (await storeOnce(tx, row, apply)) counts.stored++;
    else counts.duplicates++;
    return null;
  } catch (error) {
    const reason = rejectionReason(error);
    if (!reason) throw error;
    counts.rejected++;
    return reason;
  }
}
