import { and, eq, like } from 'drizzle-orm';
import { channels } from '../../db/schema';
import type { Deps } from '../deps';
import { DEMO_PAGE_ID } from './seed-demo';

/** The seeded demo page: the Messenger channel whose Graph calls go to our own demo Graph API. */
export async function findDemoChannel(deps: Deps) {
  const [channel] = await deps.db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, 'MESSENGER'), eq(channels.externalId, DEMO_PAGE_ID), like(channels.apiBaseUrl, '%/api/demo/graph/%')));
  return channel ?? null;
}
