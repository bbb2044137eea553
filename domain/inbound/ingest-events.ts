import { and, eq, inArray, sql } from 'drizzle-orm';
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
import { attachments, channels, chats, contacts, messages, webhookEvents } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import { recordEvent } from '../../events/record';
import { keptSourceUrl } from '../media/source-url';
import { enqueueJob } from '../../jobs/queue';
import { inTransaction, type Deps } from '../deps';
import { initialStatus, markEchoOfOurs, markFailedByPlatform, markReceipt } from '../messages/message-status';
import { schedulePrune } from '../messages/prune-history';
import { scheduleProfileRefresh } from '../contacts/profile';
import { cleanString, sanitiseEvent, sanitiseRaw } from './sanitise-event';

export interface IngestResult {
  stored: number;
  duplicates: number;
  /** Events for channels we don't know (another page on the same app): acknowledged, not stored. */
  ignored: number;
  /** Events the database would not take even after cleaning: kept as rejected with the reason. */
  rejected: number;
}

type ChannelRow = typeof channels.$inferSelect;

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
  const result: IngestResult = { stored: 0, duplicates: 0, ignored: 0, rejected: 0 };
  if (events.length === 0 && unreadable.length === 0) return result;
  const receivedAt = new Date();
  const externalIds = [
    ...new Set([...events.map((e) => e.channelExternalId), ...unreadable.map((u) => u.channelExternalId ?? '')].map(cleanString)),
  ];
  await inTransaction(deps, async (tx, live) => {
    const known = await tx.select().from(channels).where(and(eq(channels.kind, kind), inArray(channels.externalId, externalIds)));
    const byExternal = new Map(known.map((c) => [c.externalId, c]));
    for (const original of events) {
      const { event, fixes } = sanitiseEvent(original, receivedAt);
      const channel = byExternal.get(event.channelExternalId);
      if (!channel) {
        result.ignored++;
        continue;
      }
      const dedupeKey = `${channel.id}:${eventDedupeKey(event)}`;
      if (fixes.length) deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, fixes }, 'webhook event cleaned before storing');
      const eventLive: InboxEventRecord[] = [];
      try {
        const fresh = await tx.transaction(async (sp) => {
          const [row] = await sp
            .insert(webhookEvents)
            .values({ provider, dedupeKey, channelId: channel.id, payload: event.raw ?? {} })
            .onConflictDoNothing()
            .returning({ id: webhookEvents.id });
          if (row) await applyEvent(sp as Tx, channel, event, eventLive, deps.config.chatHistoryLimit);
          return Boolean(row);
        });
        if (fresh) result.stored++;
        else result.duplicates++;
        live.push(...eventLive);
      } catch (error) {
        const reason = rejectionReason(error);
        if (!reason) throw error;
        result.rejected++;
        deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, reason }, 'webhook event rejected by the database; kept as rejected');
        await recordRejected(tx, { provider, dedupeKey, channelId: channel.id, reason, raw: event.raw });
      }
    }
    for (const { channelExternalId, reason, raw } of unreadable) {
      const channel = byExternal.get(cleanString(channelExternalId ?? ''));
      if (!channel) {
        result.ignored++;
        continue;
      }
      const clean = sanitiseRaw(raw, receivedAt);
      const dedupeKey = `${channel.id}:unreadable:${createHash('sha256').update(JSON.stringify(clean) ?? '').digest('hex')}`;
      result.rejected++;
      deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, reason }, 'webhook event unreadable; kept as rejected');
      await recordRejected(tx, { provider, dedupeKey, channelId: channel.id, reason: `unreadable: ${reason}`, raw: clean });
    }
    if (known.length) {
      await tx.update(channels).set({ lastWebhookAt: new Date() }).where(inArray(channels.id, known.map((c) => c.id)));
    }
  });
  if (result.ignored) deps.log.warn({ provider, kind, externalIds, ignored: result.ignored }, 'webhook for an unknown channel ignored');
  return result;
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
      return applyInbound(tx, channel, event, live, historyLimit);
    case 'echo':
      return applyEcho(tx, channel, event, live, historyLimit);
    case 'delivery':
    case 'read':
      return applyReceipt(tx, channel, event, live);
    case 'failed':
      return markFailedByPlatform(tx, live, channel.id, event);
  }
}

export async function findOrCreateChat(tx: Tx, channel: ChannelRow, contactExternalId: string, profile?: InboundMessageEvent['profile']) {
  const inserted = await tx
    .insert(contacts)
    .values({ channelId: channel.id, externalId: contactExternalId, displayName: profile?.displayName, username: profile?.username, phone: profile?.phone })
    .onConflictDoNothing()
    .returning();
  let contact =
    inserted[0] ??
    (await tx.select().from(contacts).where(and(eq(contacts.channelId, channel.id), eq(contacts.externalId, contactExternalId))))[0];
  // names that travel with each message (WhatsApp profile name, Telegram sender) stay current
  const changed = Object.fromEntries(
    (['displayName', 'username', 'phone'] as const).filter((k) => profile?.[k] && profile[k] !== contact[k]).map((k) => [k, profile![k]]),
  );
  if (!inserted[0] && Object.keys(changed).length) {
    [contact] = await tx.update(contacts).set(changed).where(eq(contacts.id, contact.id)).returning();
  }
  const newChat = await tx.insert(chats).values({ channelId: channel.id, contactId: contact.id }).onConflictDoNothing().returning();
  const chat = newChat[0] ?? (await tx.select().from(chats).where(eq(chats.contactId, contact.id)))[0];
  return { contact, chat, newContact: inserted.length > 0 };
}

/** A message as the platform reported it, with its attachments; null when we already have it. */
async function insertPlatformMessage(
  tx: Tx,
  chatId: string,
  channelId: string,
  event: InboundMessageEvent | EchoEvent,
  direction: 'INBOUND' | 'OUTBOUND',
  historyLimit: number,
) {
  const [message] = await tx
    .insert(messages)
    .values({
      chatId,
      channelId,
      direction,
      status: initialStatus(direction === 'INBOUND' ? 'inbound' : 'echo'),
      text: event.text ?? null,
      providerMessageId: event.providerMessageId,
      sentAt: event.timestamp,
      // an echo that is not one of ours: written in Business Suite or the platform's own app
      sentOutside: direction === 'OUTBOUND',
    })
    .onConflictDoNothing()
    .returning();
  if (message && event.attachments.length) {
    const stored = await tx.insert(attachments).values(
      event.attachments.map((a) => ({
        messageId: message.id,
        kind: a.kind,
        sourceUrl: keptSourceUrl(a),
        mimeType: a.mimeType,
        fileName: a.fileName,
        size: a.size,
        durationSeconds: a.durationSeconds,
      })),
    ).returning({ id: attachments.id, sourceUrl: attachments.sourceUrl });
    for (const a of stored) if (a.sourceUrl) await enqueueJob(tx, 'download-media', { attachmentId: a.id }, { maxAttempts: 4 });
  }
  if (message) await schedulePrune(tx, chatId, historyLimit);
  return message ?? null;
}

async function applyInbound(tx: Tx, channel: ChannelRow, event: InboundMessageEvent, live: InboxEventRecord[], historyLimit: number) {
  const { contact, chat } = await findOrCreateChat(tx, channel, event.contactExternalId, event.profile);
  const message = await insertPlatformMessage(tx, chat.id, channel.id, event, 'INBOUND', historyLimit);
  if (!message) return;
  const newest = event.timestamp >= chat.lastMessageAt || !chat.lastMessageId;
  await tx
    .update(chats)
    .set({
      unread: true,
      awaitingReply: newest ? true : chat.awaitingReply,
      lastMessageId: newest ? message.id : chat.lastMessageId,
      lastMessageAt: newest ? event.timestamp : chat.lastMessageAt,
      lastInboundAt: sql`greatest(${chats.lastInboundAt}, ${event.timestamp.toISOString()}::timestamptz)`,
      // a customer writing again reopens an archived chat
      status: 'OPEN',
      archivedAt: null,
      archivedById: null,
    })
    .where(eq(chats.id, chat.id));
  // names and pictures change, and a platform's picture link expires: once a week at most, on a message
  await scheduleProfileRefresh(tx, contact.id);
  live.push(await recordEvent(tx, 'MessageAdded', { channelId: channel.id, chatId: chat.id, messageId: message.id }));
  live.push(await recordEvent(tx, 'ChatUpdated', { channelId: channel.id, chatId: chat.id }));
}

async function applyEcho(tx: Tx, channel: ChannelRow, event: EchoEvent, live: InboxEventRecord[], historyLimit: number) {
  // our own send coming back (its metadata carries our ids), or one of our files: already shown
  if (await markEchoOfOurs(tx, live, channel.id, event)) return;
  // sent from elsewhere (the page's own inbox, another app): show it as ours, without a sender
  const { chat } = await findOrCreateChat(tx, channel, event.contactExternalId);
  const message = await insertPlatformMessage(tx, chat.id, channel.id, event, 'OUTBOUND', historyLimit);
  if (!message) return;
  if (event.timestamp >= chat.lastMessageAt || !chat.lastMessageId) {
    await tx.update(chats).set({ lastMessageId: message.id, lastMessageAt: event.timestamp, awaitingReply: false }).where(eq(chats.id, chat.id));
  }
  live.push(await recordEvent(tx, 'MessageAdded', { channelId: channel.id, chatId: chat.id, messageId: message.id }));
  live.push(await recordEvent(tx, 'ChatUpdated', { channelId: channel.id, chatId: chat.id }));
}

/** Delivery and read receipts move our messages forward only: READ never becomes DELIVERED. */
async function applyReceipt(tx: Tx, channel: ChannelRow, event: InboundEvent & { type: 'delivery' | 'read' }, live: InboxEventRecord[]) {
  const [contact] = await tx.select().from(contacts).where(and(eq(contacts.channelId, channel.id), eq(contacts.externalId, event.contactExternalId)));
  if (!contact) return;
  const [chat] = await tx.select().from(chats).where(eq(chats.contactId, contact.id));
  if (!chat) return;
  const read = event.type === 'read';
  await markReceipt(tx, live, chat, {
    read,
    at: read ? event.timestamp : (event.watermark ?? new Date()),
    providerMessageIds: event.providerMessageIds,
    watermark: event.watermark,
  });
}
