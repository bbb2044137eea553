import { getArgumentValues, type GraphQLResolveInfo } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { buildViewer, buildViewerFor } from '../../auth/viewer';
import { requirePermission } from '../../domain/access';
import { latestInboxCursor, missedInboxEvents, readInboxEvent, type InboxEventView } from '../../domain/inbox/inbox-events';
import type { InboxEventRecord } from '../../events/bus';
import { builder } from '../builder';
import { createLoaders, type Context } from '../context';
import { ChatRef, MessageRef } from './refs';

interface ResolvedEvent extends InboxEventView {
  record: InboxEventRecord;
}

const MessageAdded = builder.objectRef<ResolvedEvent>('MessageAdded').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.record.id) }),
    message: t.field({ type: MessageRef, resolve: (e) => e.message! }),
  }),
});
const MessageUpdated = builder.objectRef<ResolvedEvent>('MessageUpdated').implement({
  description: 'Status, read time, transcription or error of a message changed.',
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.record.id) }),
    message: t.field({ type: MessageRef, resolve: (e) => e.message! }),
  }),
});
const ChatUpdated = builder.objectRef<ResolvedEvent>('ChatUpdated').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.record.id) }),
    chat: t.field({ type: ChatRef, resolve: (e) => e.chat }),
  }),
});

const InboxEvent = builder.unionType('InboxEvent', {
  types: [MessageAdded, MessageUpdated, ChatUpdated],
  resolveType: (e) => e.record.type,
});

const REPLAY_LIMIT = 1000;

/**
 * Resolves one event for one subscriber: a fresh viewer (access may have changed since the
 * socket opened) and fresh loaders (no stale rows from earlier events).
 */
async function resolveFor(ctx: Context, record: InboxEventRecord): Promise<ResolvedEvent | null> {
  // by the credentials when there are any: a session signed out (or a key deleted) gets nothing more
  const viewer = ctx.credentials ? await buildViewer(ctx.deps.db, ctx.credentials) : await buildViewerFor(ctx.deps.db, ctx.viewer);
  const view = await readInboxEvent(ctx.deps.db, viewer, record);
  if (!view) return null;
  ctx.viewer = viewer;
  ctx.loaders = createLoaders(ctx.deps);
  ctx.loaders.chat.prime(view.chat.chat.id, view.chat);
  return { record, ...view };
}

function inboxEventStream(ctx: Context, after: string | null | undefined) {
  return new Repeater<ResolvedEvent>(async (push, stop) => {
    const buffered: InboxEventRecord[] = [];
    let replaying = true;
    let lastId = after ? Number(after) : Number.POSITIVE_INFINITY;
    let chain = Promise.resolve();
    const deliver = (record: InboxEventRecord) => {
      // one at a time, in order: each event swaps the context's viewer and loaders
      chain = chain
        .then(async () => {
          if (Number.isFinite(lastId) && record.id <= lastId) return;
          lastId = record.id;
          const resolved = await resolveFor(ctx, record);
          if (resolved) await push(resolved);
        })
        // an event that cannot be read (the database hiccups) is logged and skipped; the stream goes on
        .catch((error: unknown) => {
          ctx.deps.log.error({ err: error, eventId: record.id, type: record.type }, 'live event could not be delivered to a subscriber');
        });
    };
    const unsubscribe = ctx.deps.bus.subscribe((record) => (replaying ? buffered.push(record) : deliver(record)));
    if (after && Number.isSafeInteger(Number(after)) && ctx.viewer) {
      const missed = await missedInboxEvents(ctx.deps.db, ctx.viewer, Number(after), REPLAY_LIMIT);
      for (const record of missed) deliver(record);
    } else {
      lastId = 0;
    }
    replaying = false;
    for (const record of buffered) deliver(record);
    await stop;
    unsubscribe();
  });
}

/**
 * `after` as written in the operation: inline (`after: "42"`) or through a variable of any name.
 * Under graphql-jit a subscription's `args` are the operation's variables, so they are read from
 * the field's own arguments instead.
 */
function afterArgument(info: GraphQLResolveInfo): string | null {
  const field = info.parentType.getFields()[info.fieldName];
  const node = info.fieldNodes[0];
  if (!field || !node) return null;
  const value = getArgumentValues(field, node, info.variableValues).after;
  return typeof value === 'string' ? value : null;
}

builder.subscriptionField('inboxEvents', (t) =>
  t.field({
    type: InboxEvent,
    description: 'Every change the viewer may see, across its channels. Pass the last `cursor` as `after` to catch up after a reconnect.',
    args: { after: t.arg.string() },
    subscribe: (_, __, ctx, info) => {
      requirePermission(ctx.viewer, 'CHATS');
      return inboxEventStream(ctx, afterArgument(info));
    },
    resolve: (event) => event,
  }),
);

builder.queryField('inboxCursor', (t) =>
  t.string({
    nullable: true,
    description:
      'The newest live event so far. Read it before loading what you show, then subscribe with `inboxEvents(after: inboxCursor)` and nothing in between is lost. Null without the Chats permission.',
    resolve: (_, __, ctx) => latestInboxCursor(ctx.deps.db, ctx.viewer),
  }),
);
