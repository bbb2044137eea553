import { sql } from 'drizzle-orm';
import type { ChannelKind, InboundMessageEvent } from '../../channels/types';
import type { Tx } from '../../db/client';
import { queryRows } from '../../db/rows';
import { channels, chats, contacts, inboxEvents, jobs, messages } from '../../db/schema';
import type { InboxEventRecord, InboxEventType } from '../../events/bus';
import { JOB_PRIORITY } from '../../jobs/queue';
import { PROFILE_MAX_AGE_MS } from '../contacts/profile';
import { PRUNE_DELAY_MS } from '../messages/prune-history';

/**
 * A group's plain incoming messages in two statements whatever their number (docs/decisions/030),
 * each with one JSON parameter, so its text never varies and it is prepared once per connection.
 * What one message implies is what `applyPlatformMessage` does for one, done for all at once.
 */

/** A contact's names as a new event brings them: a real value replaces the stored one, an empty one keeps it. */
export const CONTACT_NAMES_KEPT = sql`display_name = coalesce(nullif(excluded.display_name, ''), ${contacts}.display_name),
  username = coalesce(nullif(excluded.username, ''), ${contacts}.username),
  phone = coalesce(nullif(excluded.phone, ''), ${contacts}.phone)`;

/**
 * The contacts and chats of the messages, created or found, named by the latest name each event
 * brought. Rows are taken in key order, so two groups never wait on each other's rows crosswise,
 * and a contact whose names did not change is locked but not rewritten.
 */
export async function upsertContactsAndChats(tx: Tx, kind: ChannelKind, events: InboundMessageEvent[]): Promise<void> {
  if (events.length === 0) return;
  await queryRows(
    tx,
    sql`with input as (
      select channel.id as channel_id, i.external_id, i.display_name, i.username, i.phone
      from json_to_recordset(${JSON.stringify(latestProfiles(events))}::json)
        as i(channel text, external_id text, display_name text, username text, phone text)
      join ${channels} channel on channel.kind = ${kind} and channel.external_id = i.channel
    ), contact as (
      insert into ${contacts} (channel_id, external_id, display_name, username, phone)
      select channel_id, external_id, display_name, username, phone from input order by channel_id, external_id
      on conflict (channel_id, external_id) do update set ${CONTACT_NAMES_KEPT}
      where coalesce(nullif(excluded.display_name, ''), ${contacts}.display_name) is distinct from ${contacts}.display_name
        or coalesce(nullif(excluded.username, ''), ${contacts}.username) is distinct from ${contacts}.username
        or coalesce(nullif(excluded.phone, ''), ${contacts}.phone) is distinct from ${contacts}.phone
      returning id, channel_id
    ), known as (
      -- contacts that existed (a locked, unchanged one is not returned above); new ones are not seen here
      select existing.id, existing.channel_id from ${contacts} existing
      join input on existing.channel_id = input.channel_id and existing.external_id = input.external_id
    )
    insert into ${chats} (channel_id, contact_id)
    select channel_id, id from contact union select channel_id, id from known
    order by 2
    on conflict (contact_id) do update set channel_id = excluded.channel_id where ${chats}.channel_id is distinct from excluded.channel_id`,
  );
}

/** Per contact, the names the group's events brought: the latest non-empty one of each. */
function latestProfiles(events: InboundMessageEvent[]) {
  const byContact = new Map<string, { channel: string; external_id: string; display_name?: string; username?: string; phone?: string }>();
  for (const event of events) {
    const key = `${event.channelExternalId}\u0000${event.contactExternalId}`;
    const row = byContact.get(key) ?? { channel: event.channelExternalId, external_id: event.contactExternalId };
    const { displayName, username, phone } = event.profile ?? {};
    // the first event's value stands unless a later one brings a real one, as one upsert after another would leave it
    if (!byContact.has(key) || displayName) row.display_name = displayName;
    if (!byContact.has(key) || username) row.username = username;
    if (!byContact.has(key) || phone) row.phone = phone;
    byContact.set(key, row);
  }
  return [...byContact.values()];
}

export interface NewMessage {
  channelId: string;
  event: InboundMessageEvent;
}

/**
 * New incoming messages (without files) of chats whose contacts `upsertContactsAndChats` has made:
 * each message, its chat moved once to the newest of them (unread, awaiting a reply, reopened),
 * each contact's profile fetch queued when due, each chat's history trim queued once, and the
 * live events logged in the messages' order. Returns, per message given, its live events.
 */
export async function storeNewMessages(tx: Tx, items: NewMessage[], historyLimit: number): Promise<InboxEventRecord[][]> {
  const out = items.map((): InboxEventRecord[] => []);
  if (items.length === 0) return out;
  const input = items.map(({ channelId, event }, ord) => ({
    ord,
    channel_id: channelId,
    contact: event.contactExternalId,
    text: event.text ?? null,
    mid: event.providerMessageId,
    at: event.timestamp.toISOString(),
  }));
  const now = new Date();
  const [row] = await queryRows<{ logged: Array<{ id: number; type: string; chat_id: string; message_id: string | null; ord: number }> | string | null }>(
    tx,
    sql`with input as (
      select i.ord, i.channel_id, i.text, i.mid, i.at, contact.id as contact_id, chat.id as chat_id
      from json_to_recordset(${JSON.stringify(input)}::json) as i(ord int, channel_id uuid, contact text, text text, mid text, at timestamptz)
      join ${contacts} contact on contact.channel_id = i.channel_id and contact.external_id = i.contact
      join ${chats} chat on chat.contact_id = contact.id
    ), message as (
      insert into ${messages} (chat_id, channel_id, direction, status, text, provider_message_id, sent_at, sent_outside)
      select chat_id, channel_id, 'INBOUND'::message_direction, 'RECEIVED'::message_status, text, mid, at, false from input order by ord
      on conflict do nothing
      returning id, channel_id, provider_message_id
    ), added as (
      select input.*, message.id as message_id from message
      join input on input.channel_id = message.channel_id and input.mid = message.provider_message_id
    ), newest as (
      select distinct on (chat_id) chat_id, message_id, at from added order by chat_id, at desc, ord desc
    ), moved as (
      update ${chats} set
        unread = true,
        awaiting_reply = case when newest.at >= ${chats}.last_message_at or ${chats}.last_message_id is null then true else ${chats}.awaiting_reply end,
        last_message_id = case when newest.at >= ${chats}.last_message_at or ${chats}.last_message_id is null then newest.message_id else ${chats}.last_message_id end,
        last_message_at = case when newest.at >= ${chats}.last_message_at or ${chats}.last_message_id is null then newest.at else ${chats}.last_message_at end,
        last_inbound_at = greatest(${chats}.last_inbound_at, newest.at),
        status = 'OPEN', archived_at = null, archived_by_id = null
      from newest where ${chats}.id = newest.chat_id
      returning ${chats}.id
    ), profile as (
      update ${contacts} set profile_fetched_at = ${now.toISOString()}::timestamptz
      where id in (select contact_id from added)
        and (profile_fetched_at is null or profile_fetched_at < ${new Date(now.getTime() - PROFILE_MAX_AGE_MS).toISOString()}::timestamptz)
      returning id
    ), profile_job as (
      insert into ${jobs} (kind, payload, run_at, max_attempts, priority)
      select 'fetch-profile', json_build_object('contactId', id)::jsonb, ${now.toISOString()}::timestamptz, 3, ${JOB_PRIORITY['fetch-profile']}::int from profile
    ), prune_job as (
      insert into ${jobs} (kind, payload, run_at, max_attempts, priority, dedupe_key)
      select distinct 'prune-history', json_build_object('chatId', chat_id)::jsonb, ${new Date(now.getTime() + PRUNE_DELAY_MS).toISOString()}::timestamptz, 3,
        ${JOB_PRIORITY['prune-history']}::int, 'prune-history:' || chat_id::text
      from added where ${historyLimit > 0}::boolean
      on conflict (dedupe_key) where state = 'QUEUED' and dedupe_key is not null do nothing
    ), logged as (
      insert into ${inboxEvents} (type, channel_id, chat_id, message_id)
      select type, channel_id, chat_id, event_message_id from (
        select ord, 0 as step, 'MessageAdded' as type, channel_id, chat_id, message_id as event_message_id from added
        union all
        select ord, 1, 'ChatUpdated', channel_id, chat_id, null::uuid from added
      ) event order by ord, step
      returning id, type, chat_id, message_id
    )
    select json_agg(json_build_object('id', logged.id, 'type', logged.type, 'chatId', logged.chat_id, 'messageId', logged.message_id, 'ord', added.ord)) as logged
    from logged left join added on added.message_id = logged.message_id`,
  );
  type Logged = { id: number; type: InboxEventType; chatId: string; messageId: string | null; ord: number | null };
  const logged = (typeof row?.logged === 'string' ? JSON.parse(row.logged) : (row?.logged ?? [])) as Logged[];
  // a chat's update belongs with the message logged just before it in its chat
  const lastOrdOfChat = new Map<string, number>();
  for (const { id, type, chatId, messageId, ord } of logged.sort((a, b) => a.id - b.id)) {
    const owner = ord ?? lastOrdOfChat.get(chatId);
    if (owner === undefined) continue;
    lastOrdOfChat.set(chatId, owner);
    out[owner].push({ id: Number(id), type, channelId: items[owner].channelId, chatId, messageId });
  }
  return out;
}
