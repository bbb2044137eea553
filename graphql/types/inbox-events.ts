import { getArgumentValues, type GraphQLResolveInfo } from 'graphql';
import type { Viewer } from '../../auth/viewer';
import { requirePermission } from '../../domain/access';
import { followInbox, type LiveInboxEvent } from '../../domain/inbox/fan-out';
import { latestInboxCursor } from '../../domain/inbox/inbox-events';
import { builder } from '../builder';
import { createLoaders, type Context } from '../context';
import { ChatRef, MessageRef } from './refs';

const MessageAdded = builder.objectRef<LiveInboxEvent>('MessageAdded').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.record.id) }),
    message: t.field({ type: MessageRef, resolve: (e) => e.message! }),
  }),
});
const MessageUpdated = builder.objectRef<LiveInboxEvent>('MessageUpdated').implement({
  description: 'Status, read time, transcription or error of a message changed.',
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.record.id) }),
    message: t.field({ type: MessageRef, resolve: (e) => e.message! }),
  }),
});
const ChatUpdated = builder.objectRef<LiveInboxEvent>('ChatUpdated').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.record.id) }),
    chat: t.field({ type: ChatRef, resolve: (e) => e.chat }),
  }),
});

const InboxEvent = builder.unionType('InboxEvent', {
  types: [MessageAdded, MessageUpdated, ChatUpdated],
  resolveType: (e) => e.record.type,
});

/**
 * Loaders per delivered event: the event object is shared by every subscriber of one audience, so
 * whatever its fields load (attachments, client, employees) is read once for all of them.
 */
const loadersOfEvent = new WeakMap<LiveInboxEvent, Context['loaders']>();
function loadersFor(deps: Context['deps'], event: LiveInboxEvent) {
  let loaders = loadersOfEvent.get(event);
  if (!loaders) {
    loaders = createLoaders(deps);
    loaders.chat.prime(event.chat.chat.id, event.chat);
    loadersOfEvent.set(event, loaders);
  }
  return loaders;
}

/**
 * The subscriber's events, in order. The fan-out never waits for the subscriber (a light queue, not a
 * Repeater: it is on the path of every delivery); each event is read with the viewer's access at
 * that moment, set on the context when it is taken (fresh viewer, the audience's loaders).
 */
function inboxEventStream(ctx: Context, viewer: Viewer, after: string | null): AsyncIterableIterator<LiveInboxEvent> {
  const queued: [LiveInboxEvent, Viewer][] = [];
  let waiting: ((item: IteratorResult<LiveInboxEvent>) => void) | null = null;
  let ended = false;
  const take = ([event, current]: [LiveInboxEvent, Viewer]): IteratorResult<LiveInboxEvent> => {
    ctx.viewer = current;
    ctx.loaders = loadersFor(ctx.deps, event);
    return { done: false, value: event };
  };
  const cursor = after !== null && Number.isSafeInteger(Number(after)) ? Number(after) : null;
  const unfollow = followInbox(ctx.deps, { viewer, credentials: ctx.credentials, after: cursor }, (event, current) => {
    if (ended) return;
    if (!waiting) return void queued.push([event, current]);
    const wake = waiting;
    waiting = null;
    wake(take([event, current]));
  });
  const end = (): IteratorResult<LiveInboxEvent> => {
    if (!ended) {
      ended = true;
      unfollow();
      queued.length = 0;
      waiting?.({ done: true, value: undefined });
      waiting = null;
    }
    return { done: true, value: undefined };
  };
  const stream: AsyncIterableIterator<LiveInboxEvent> = {
    next: () => {
      if (queued.length) return Promise.resolve(take(queued.shift()!));
      if (ended) return Promise.resolve(end());
      return new Promise((resolve) => void (waiting = resolve));
    },
    return: () => Promise.resolve(end()),
    throw: (error: unknown) => {
      end();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
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
    subscribe: (_, __, ctx, info) => inboxEventStream(ctx, requirePermission(ctx.viewer, 'CHATS'), afterArgument(info)),
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
