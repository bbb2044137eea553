import { eq } from 'drizzle-orm';
import { capabilitiesOf } from '../../channels/capabilities';
import type { ChannelKind, MessageTemplate } from '../../channels/types';
import { channels } from '../../db/schema';
import type { Deps } from '../deps';

/** How long a channel's template list is reused before WhatsApp is asked again. */
export const TEMPLATE_LIST_TTL_MS = 5 * 60 * 1000;
/** A list that could not be loaded reads as empty, and is asked for again sooner. */
const FAILED_TTL_MS = 30 * 1000;

interface Entry {
  expiresAt: number;
  list: Promise<MessageTemplate[]>;
}

// one cache per runtime (its gateway), so test runtimes in one process never share entries
const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * A WhatsApp channel's approved templates for display, fetched at most once per
 * TEMPLATE_LIST_TTL_MS per channel and token: concurrent readers (200 aliases of
 * `Channel.templates` in one query) share one Graph call. A failure reads as an empty list.
 * Sending a template still checks the live list.
 */
/** A channel's approved templates; none, without a query, where the platform has no templates. */
export async function channelTemplates(deps: Deps, channel: { id: string; kind: ChannelKind }): Promise<MessageTemplate[]> {
  return capabilitiesOf(channel.kind).templates ? cachedTemplates(deps, channel.id) : [];
}

export async function cachedTemplates(deps: Deps, channelId: string): Promise<MessageTemplate[]> {
  let cache = caches.get(deps.channels);
  if (!cache) caches.set(deps.channels, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(channelId);
  if (hit && hit.expiresAt > now) return hit.list;

  const entry: Entry = { expiresAt: now + TEMPLATE_LIST_TTL_MS, list: Promise.resolve([]) };
  entry.list = (async () => {
    const [account] = await deps.db.select().from(channels).where(eq(channels.id, channelId));
    if (!account || !capabilitiesOf(account.kind).templates) return [];
    return deps.channels.listTemplates(account).catch(() => {
      entry.expiresAt = Date.now() + FAILED_TTL_MS;
      return [];
    });
  })();
  // our own database failing is not a list to keep
  entry.list.catch(() => cache.get(channelId) === entry && cache.delete(channelId));
  cache.set(channelId, entry);
  return entry.list;
}
