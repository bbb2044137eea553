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
