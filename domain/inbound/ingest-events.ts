import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import {
  eventDedupeKey,
  type ChannelKind,
  type EchoEvent,
  type InboundEvent,
  type InboundMessageEvent,
  type UnreadableEvent,
} from '../../channels/types';
import type { Tx } from '../../db/client';
import { queryRows } from '../../db/rows';
import { attachments, channels, chats, contacts, inboxEvents, messages, webhookEvents } from '../../db/schema';
import type { InboxEventRecord, InboxEventType } from '../../events/bus';
import { keptSourceUrl } from '../media/source-url';
import { enqueueJob } from '../../jobs/queue';
import type { Deps } from '../deps';
import { initialStatus, markEchoOfOurs, markFailedByPlatform, markReceipt } from '../messages/message-status';
import { pruneJobSql } from '../messages/prune-history';
import { cleanString, sanitiseEvent, sanitiseRaw, type SanitisedEvent } from './sanitise-event';
import { GroupCommit } from './group-commit';
import { CONTACT_NAMES_KEPT, storeNewMessages, upsertContactsAndChats } from './store-messages';
import { rejectionReason, storeCounted } from './store-once';

export interface IngestResult {
  stored: number;
  duplicates: number;
  /** Events for channels we don't know (another page on the same app): acknowledged, not stored. */
  ignored: number;
  /** Events the database would not take even after cleaning: kept as rejected with the reason. */
  rejected: number;
}

type ChannelRow = Pick<typeof channels.$inferSelect, 'id'>;

/**
 * Stores a webhook's events: the raw event and the rows it implies, in one transaction, so the
 * platform gets its 200 only when everything is committed. A repeated event is a no-op.
 *
 * Each event is cleaned first (NULs, broken surrogates, impossible times) and applied under its own
 * savepoint: if the database still refuses its data, only that event is rolled back and kept as
 * rejected with the reason, and the rest of the batch is stored. Any other failure (the database
 * is gone, a constraint we did not expect) fails the whole batch, so the platform delivers it again.
 * Events the parser could not read (`unreadable`) are kept as rejected the same way.
 */
export async function ingestEvents(
  deps: Deps,
  provider: string,
  kind: ChannelKind,
  events: InboundEvent[],
  unreadable: UnreadableEvent[] = [],
): Promise<IngestResult> {
  if (events.length === 0 && unreadable.length === 0) return { stored: 0, duplicates: 0, ignored: 0, rejected: 0 };
  const batch: Batch = { deps, provider, kind, events, unreadable, receivedAt: new Date() };
  const { result, live, channelIds } = await committer(deps, provider, kind).run(batch);
  // answered now; subscribers hear of it on their own time (the bus never holds the platform's 200)
  if (live.length) void deps.bus.publish(live.sort((a, b) => a.id - b.id)).catch((err: unknown) => deps.log.error({ err }, 'publishing live events failed'));
  deps.wakeJobs();
  await noteWebhookReceived(deps, channelIds);
  if (result.ignored) deps.log.warn({ provider, kind, ignored: result.ignored }, 'webhook for an unknown channel ignored');
  return result;
}

/** Webhooks committed together at most: a group stays one short transaction. */
const MAX_GROUP = 50;
const committers = new WeakMap<Deps['db'], Map<string, GroupCommit<Batch, Stored>>>();

/** One group commit per database and platform: webhooks of one kind share their first statement. */
function committer(deps: Deps, provider: string, kind: ChannelKind) {
  let byKind = committers.get(deps.db);
  if (!byKind) committers.set(deps.db, (byKind = new Map()));
  const key = `${provider}:${kind}`;
  let found = byKind.get(key);
  if (!found) byKind.set(key, (found = new GroupCommit((batches, workDone) => storeBatches(batches, false, workDone), storeAlone, MAX_GROUP)));
  return found;
}

/** One webhook in its own transaction: fast, and again event by event if the database refused some data. */
async function storeAlone(batch: Batch, workDone: () => void): Promise<Stored> {
  try {
    // the usual case: the whole batch in a few statements, no savepoints
    return (await storeBatches([batch], false, workDone))[0];
  } catch (error) {
    if (!rejectionReason(error)) throw error;
    // the database refused some event's data: again, each event under its own savepoint
    return (await storeBatches([batch], true, workDone))[0];
  }
}

interface Batch {
  deps: Deps;
  provider: string;
  kind: ChannelKind;
  events: InboundEvent[];
  unreadable: UnreadableEvent[];
  receivedAt: Date;
}

interface Stored {
  result: IngestResult;
  live: InboxEventRecord[];
  channelIds: string[];
}

interface Accepted {
  event: InboundEvent;
  channel: ChannelRef;
  dedupeKey: string;
  stored: Stored;
}

/**
 * One transaction for webhooks of one provider and kind. Fast: the raw events in one multi-row
 * insert whose conflicts are the duplicates, then each new event's rows, the conversations side by
 * side (pipelined on the connection) and each conversation's events in order. Careful (after the
 * database refused some data): each event under its own savepoint, a refused one kept as rejected
 * with the reason.
 */
async function storeBatches(batches: Batch[], careful: boolean, workDone: () => void): Promise<Stored[]> {
  const { deps, provider, kind } = batches[0];
  const out: Stored[] = batches.map(() => ({ result: { stored: 0, duplicates: 0, ignored: 0, rejected: 0 }, live: [], channelIds: [] }));
  const externalIds = [
    ...new Set(batches.flatMap((b) => [...b.events.map((e) => e.channelExternalId), ...b.unreadable.map((u) => u.channelExternalId ?? '')]).map(cleanString)),
  ];
  const sanitised = batches.map((b) => b.events.map((original) => sanitiseEvent(original, b.receivedAt)));
  const all = sanitised.flat();
  const channelsSeen = await deps.db.transaction(async (t) => {
    const tx = t as Tx;
    // fast: the channels and the raw events in one statement; the conflicts are the duplicates
    // and, sent along without waiting, the contacts and chats of its plain messages (duplicates too: that changes nothing)
    const [first] = !careful && all.length
      ? await Promise.all([findChannelsAndStoreEvents(tx, provider, kind, externalIds, all), upsertContactsAndChats(tx, kind, all.map((s) => s.event).filter(isPlainMessage))])
      : [null];
    const known = first?.channels ?? (await tx.select({ id: channels.id, externalId: channels.externalId }).from(channels).where(and(eq(channels.kind, kind), inArray(channels.externalId, externalIds))));
    const byExternal = new Map(known.map((c) => [c.externalId, c]));
    const accepted: Accepted[] = [];
    sanitised.forEach((events, b) => {
      for (const { event, fixes } of events) {
        const channel = byExternal.get(event.channelExternalId);
        if (!channel) {
          out[b].result.ignored++;
          continue;
        }
        const dedupeKey = `${channel.id}:${eventDedupeKey(event)}`;
        if (fixes.length) deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, fixes }, 'webhook event cleaned before storing');
        accepted.push({ event, channel, dedupeKey, stored: out[b] });
      }
    });
    const limit = deps.config.chatHistoryLimit;
    if (first) {
      const fresh = new Set(first.fresh);
      const conversations = new Map<string, Accepted[]>();
      for (const item of accepted) {
        // a key twice in one transaction: the first is the event, the second a duplicate
        if (!fresh.delete(item.dedupeKey)) {
          item.stored.result.duplicates++;
          continue;
        }
        item.stored.result.stored++;
        const key = `${item.channel.id}:${item.event.contactExternalId}`;
        const events = conversations.get(key);
        if (events) events.push(item);
        else conversations.set(key, [item]);
      }
      // in the same order in every process, so two groups never wait on each other's rows crosswise
      const ordered = [...conversations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, items]) => items);
      // conversations of plain messages only: all in two statements; the others event by event
      const plain = ordered.filter((items) => items.every((item) => isPlainMessage(item.event))).flat();
      const others = ordered.filter((items) => !items.every((item) => isPlainMessage(item.event)));
      await Promise.all([
        storeNewMessages(tx, plain.map((item) => ({ channelId: item.channel.id, event: item.event as InboundMessageEvent })), limit).then((lives) =>
          lives.forEach((live, n) => plain[n].stored.live.push(...live)),
        ),
        ...others.map(async (items) => {
          for (const { event, channel, stored } of items) await applyEvent(tx, channel, event, stored.live, limit);
        }),
      ]);
    } else {
      for (const { event, channel, dedupeKey, stored } of accepted) {
        const eventLive: InboxEventRecord[] = [];
        const row = { provider, dedupeKey, channelId: channel.id, payload: event.raw };
        const rejected = await storeCounted(tx, row, stored.result, async (sp) => {
          // stored is what counts here, whatever the event changed
          await applyEvent(sp, channel, event, eventLive, limit);
        });
        if (rejected) {
          deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, reason: rejected }, 'webhook event rejected by the database; kept as rejected');
          await recordRejected(tx, { provider, dedupeKey, channelId: channel.id, reason: rejected, raw: event.raw });
        } else stored.live.push(...eventLive);
      }
    }
    for (const [b, batch] of batches.entries()) {
      for (const { channelExternalId, reason, raw } of batch.unreadable) {
        const channel = byExternal.get(cleanString(channelExternalId ?? ''));
        if (!channel) {
          out[b].result.ignored++;
          continue;
        }
        const clean = sanitiseRaw(raw, batch.receivedAt);
        const dedupeKey = `${channel.id}:unreadable:${createHash('sha256').update(JSON.stringify(clean) ?? '').digest('hex')}`;
        out[b].result.rejected++;
        deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, reason }, 'webhook event unreadable; kept as rejected');
        await recordRejected(tx, { provider, dedupeKey, channelId: channel.id, reason: `unreadable: ${reason}`, raw: clean });
      }
    }
    // every row is written and locked: the next group may start while this one commits
    workDone();
    return known;
  });
  // a webhook's channels: those its own events named
  batches.forEach((batch, b) => {
    const named = new Set([...batch.events.map((e) => cleanString(e.channelExternalId)), ...batch.unreadable.map((u) => cleanString(u.channelExternalId ?? ''))]);
    out[b].channelIds = channelsSeen.filter((c) => named.has(c.externalId)).map((c) => c.id);
  });
  return out;
}

type ChannelRef = { id: string; externalId: string };

/** An incoming message without files: what most webhooks carry, stored set-wise (store-messages.ts). */
function isPlainMessage(event: InboundEvent): event is InboundMessageEvent {
  return event.type === 'message' && event.attachments.length === 0;
}

/**
 * The batch's channels (by the platform's id) and its raw events, each keyed by channel and the
 * provider's own id, in one statement: an event for a channel we don't know is not stored, and
 * one we already have (a redelivery) is a conflict. Returns the keys stored now.
 */
async function findChannelsAndStoreEvents(tx: Tx, provider: string, kind: ChannelKind, externalIds: string[], events: SanitisedEvent[]) {
  // one JSON parameter, so the statement's text is the same for any number of events (prepared once)
  const incoming = JSON.stringify(events.map(({ event }, position) => ({ position, external_id: event.channelExternalId, event_key: eventDedupeKey(event), payload: event.raw ?? {} })));
  const [row] = await queryRows<{ channels: ChannelRef[] | string; fresh: string[] | string }>(
    tx,
    sql`with channel as (
      select id, external_id from ${channels} where kind = ${kind} and external_id in (select json_array_elements_text(${JSON.stringify(externalIds)}::json))
    ), incoming as (
      select * from json_to_recordset(${incoming}::json) as i(position int, external_id text, event_key text, payload jsonb)
    ), stored as (
      insert into ${webhookEvents} (provider, dedupe_key, channel_id, payload)
      select ${provider}, channel.id::text || ':' || incoming.event_key, channel.id, incoming.payload
      from incoming join channel on channel.external_id = incoming.external_id
      order by incoming.position
      on conflict do nothing
      returning dedupe_key
    )
    select (select coalesce(json_agg(json_build_object('id', id, 'externalId', external_id)), '[]') from channel) as channels,
      (select coalesce(json_agg(dedupe_key), '[]') from stored) as fresh`,
  );
  const parse = <T>(value: T | string): T => (typeof value === 'string' ? JSON.parse(value) : value);
  return { channels: parse(row.channels), fresh: parse(row.fresh) };
}

/** How often a channel's "last webhook" time is written: it says the channel is alive, to the minute. */
const WEBHOOK_STAMP_MS = 60_000;
const stampedAt = new Map<string, number>();

/**
 * Channels that got a webhook: their "last webhook" time, at most once a minute per channel and
 * process and outside the webhook's transaction, so no row is written by every webhook.
 */
async function noteWebhookReceived(deps: Deps, channelIds: string[]) {
  const now = Date.now();
  const due = channelIds.filter((id) => now - (stampedAt.get(id) ?? 0) >= WEBHOOK_STAMP_MS);
  if (due.length === 0) return;
  for (const id of due) stampedAt.set(id, now);
  try {
    await deps.db
      .update(channels)
      .set({ lastWebhookAt: new Date(now) })
      .where(and(inArray(channels.id, due), or(isNull(channels.lastWebhookAt), lt(channels.lastWebhookAt, new Date(now - WEBHOOK_STAMP_MS)))));
  } catch (err) {
    // the events are committed: a missed stamp is not worth a redelivery
    for (const id of due) stampedAt.delete(id);
    deps.log.warn({ err, channelIds: due }, 'could not note the time of the last webhook');
  }
}

/**
 * A rejected event keeps its dedupe key, so a redelivery is a no-op instead of failing again, and
 * its raw JSON beside the reason (`payload.rejected`) for someone to look at. If even the raw JSON
 * cannot be stored, the reason alone is.
 */
async function recordRejected(tx: Tx, input: { provider: string; dedupeKey: string; channelId: string; reason: string; raw: unknown }) {
  const insert = (payload: Record<string, unknown>) =>
    tx.transaction((sp) =>
      sp.insert(webhookEvents).values({ provider: input.provider, dedupeKey: input.dedupeKey, channelId: input.channelId, payload }).onConflictDoNothing(),
    );
  try {
    await insert({ rejected: input.reason, raw: input.raw ?? null });
  } catch (error) {
    if (!rejectionReason(error)) throw error;
    await insert({ rejected: input.reason });
  }
}

async function applyEvent(tx: Tx, channel: ChannelRow, event: InboundEvent, live: InboxEventRecord[], historyLimit: number): Promise<void> {
  switch (event.type) {
    case 'message':
      return applyPlatformMessage(tx, channel, event, 'INBOUND', live, historyLimit);
    case 'echo':
      // our own send coming back (its metadata carries our ids), or one of our files: already shown
      if (await markEchoOfOurs(tx, live, channel.id, event)) return;
      // sent from elsewhere (the page's own inbox, another app): show it as ours, without a sender
      return applyPlatformMessage(tx, channel, event, 'OUTBOUND', live, historyLimit);
    case 'delivery':
    case 'read':
      return applyReceipt(tx, channel, event, live);
    case 'failed':
      return markFailedByPlatform(tx, live, channel.id, event);
  }
}

/**
 * The contact and its chat, created or found in one statement (the unique keys do the finding).
 * Names that travel with each message (WhatsApp profile name, Telegram sender) stay current.
 */
async function upsertContactChat(tx: Tx, channel: ChannelRow, contactExternalId: string, profile?: InboundMessageEvent['profile']) {
  const [row] = await queryRows<{ contact_id: string; chat_id: string }>(
    tx,
    sql`with contact as (
      insert into ${contacts} (channel_id, external_id, display_name, username, phone)
      values (${channel.id}, ${contactExternalId}, ${profile?.displayName ?? null}, ${profile?.username ?? null}, ${profile?.phone ?? null})
      on conflict (channel_id, external_id) do update set ${CONTACT_NAMES_KEPT}
      returning id
    ), chat as (
      insert into ${chats} (channel_id, contact_id) select ${channel.id}::uuid, id from contact
      on conflict (contact_id) do update set channel_id = excluded.channel_id
      returning id
    )
    select contact.id as contact_id, chat.id as chat_id from contact, chat`,
  );
  return { contactId: row.contact_id, chatId: row.chat_id };
}

/** The contact's chat row, found or created: for items that move the chat themselves (comments). */
export async function findOrCreateChat(tx: Tx, channel: ChannelRow, contactExternalId: string, profile?: InboundMessageEvent['profile']) {
  const { chatId } = await upsertContactChat(tx, channel, contactExternalId, profile);
  const [chat] = await tx.select().from(chats).where(eq(chats.id, chatId));
  return { chat };
}

/**
 * A message as the platform reported it, with everything it implies, and its files, each with a
 * download job. An incoming one goes through the statement a group's messages share
 * (`storeNewMessages`); one of ours sent from elsewhere (an echo) moves the chat without marking
 * it unread or waiting, in one statement of its own. Nothing when we already have the message.
 */
async function applyPlatformMessage(
  tx: Tx,
  channel: ChannelRow,
  event: InboundMessageEvent | EchoEvent,
  direction: 'INBOUND' | 'OUTBOUND',
  live: InboxEventRecord[],
  historyLimit: number,
) {
  const inbound = direction === 'INBOUND';
  const { chatId } = await upsertContactChat(tx, channel, event.contactExternalId, inbound ? (event as InboundMessageEvent).profile : undefined);
  const logged = inbound ? (await storeNewMessages(tx, [{ channelId: channel.id, event: event as InboundMessageEvent }], historyLimit))[0] : await storeEcho(tx, channel, chatId, event, historyLimit);
  live.push(...logged);
  const messageId = logged.find((e) => e.type === 'MessageAdded')?.messageId;
  if (!messageId || !event.attachments.length) return;
  const stored = await tx
    .insert(attachments)
    .values(
      event.attachments.map((a) => ({
        messageId,
        kind: a.kind,
        sourceUrl: keptSourceUrl(a),
        mimeType: a.mimeType,
        fileName: a.fileName,
        size: a.size,
        durationSeconds: a.durationSeconds,
      })),
    )
    .returning({ id: attachments.id, sourceUrl: attachments.sourceUrl });
  for (const a of stored) if (a.sourceUrl) await enqueueJob(tx, 'download-media', { attachmentId: a.id }, { maxAttempts: 4 });
}

/** One of ours sent from elsewhere: stored as sent outside, the chat moved to it if it is the newest. */
async function storeEcho(tx: Tx, channel: ChannelRow, chatId: string, event: InboundMessageEvent | EchoEvent, historyLimit: number): Promise<InboxEventRecord[]> {
  const at = sql`${event.timestamp.toISOString()}::timestamptz`;
  const newest = sql`(${at} >= ${chats}.last_message_at or ${chats}.last_message_id is null)`;
  const prune = historyLimit > 0 ? sql`, prune_job as (${pruneJobSql(chatId, sql`exists (select 1 from message)`)})` : sql``;
  const [row] = await queryRows<{ message_id: string | null; events: Array<{ id: number; type: string }> | string | null }>(
    tx,
    sql`with message as (
      insert into ${messages} (chat_id, channel_id, direction, status, text, provider_message_id, sent_at, sent_outside)
      values (${chatId}, ${channel.id}, 'OUTBOUND', ${initialStatus('echo')}, ${event.text ?? null}, ${event.providerMessageId}, ${at}, true)
      on conflict do nothing
      returning id
    ), chat as (
      update ${chats} set last_message_id = message.id, last_message_at = ${at}, awaiting_reply = false
      from message where ${chats}.id = ${chatId} and ${newest}
      returning ${chats}.id
    )${prune}, logged as (
      insert into ${inboxEvents} (type, channel_id, chat_id, message_id)
      select 'MessageAdded', ${channel.id}::uuid, ${chatId}::uuid, id from message
      union all
      select 'ChatUpdated', ${channel.id}::uuid, ${chatId}::uuid, null::uuid from message
      returning id, type
    )
    select (select id from message) as message_id, (select json_agg(json_build_object('id', id, 'type', type)) from logged) as events`,
  );
  if (!row?.message_id) return [];
  const logged = (typeof row.events === 'string' ? JSON.parse(row.events) : (row.events ?? [])) as Array<{ id: number; type: string }>;
  return logged
    .sort((a, b) => a.id - b.id)
    .map(({ id, type }) => ({ id: Number(id), type: type as InboxEventType, channelId: channel.id, chatId, messageId: type === 'MessageAdded' ? row.message_id : null }));
}

/** Delivery and read receipts move our messages forward only: READ never becomes DELIVERED. */
async function applyReceipt(tx: Tx, channel: ChannelRow, event: InboundEvent & { type: 'delivery' | 'read' }, live: InboxEventRecord[]) {
  const [chat] = await tx
    .select({ id: chats.id, channelId: chats.channelId })
    .from(chats)
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .where(and(eq(contacts.channelId, channel.id), eq(contacts.externalId, event.contactExternalId)));
  if (!chat) return;
  const read = event.type === 'read';
  await markReceipt(tx, live, chat, {
    read,
    at: read ? event.timestamp : (event.watermark ?? new Date()),
    providerMessageIds: event.providerMessageIds,
    watermark: event.watermark,
  });
}
