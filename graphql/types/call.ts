import { canSeeClients } from '../../domain/access';
import { findCall, listCalls, logCall, type CallRow } from '../../domain/calls/calls';
import { builder } from '../builder';
import { connectionOf, requireForward } from '../connection';
import { parseId } from '../ids';
import { MessageDirectionEnum } from './message';
import { ClientRef } from './refs';

export const CallRef = builder.objectRef<CallRow>('Call');

builder.node(CallRef, {
  id: { resolve: (c) => c.id },
  loadOne: (id, ctx) => findCall(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    phone: t.exposeString('phone', { description: 'E.164 when the reported number reads as one; else as reported.' }),
    direction: t.field({ type: MessageDirectionEnum, resolve: (c) => c.direction }),
    startedAt: t.field({ type: 'DateTime', resolve: (c) => c.startedAt }),
    durationSeconds: t.exposeInt('durationSeconds', { nullable: true }),
    client: t.field({
      type: ClientRef,
      nullable: true,
      resolve: (c, _, ctx) => (c.clientId && canSeeClients(ctx.viewer) ? ctx.loaders.client.load(c.clientId) : null),
    }),
  }),
});

builder.queryField('calls', (t) =>
  t.connection({
    type: CallRef,
    description: 'The call log, newest first (CLIENTS permission).',
    resolve: async (_, args, ctx) => {
      requireForward(args, 'calls');
      return connectionOf(await listCalls(ctx.deps.db, ctx.viewer, args));
    },
  }, { name: 'CallConnection' }, { name: 'CallEdge' }),
);

builder.mutationField('logCall', (t) =>
  t.field({
    type: CallRef,
    description:
      'A telephony integration reports a call (CLIENTS permission). Without clientId the call is linked to the one client with exactly this number, if there is one.',
    args: {
      phone: t.arg.string({ required: true }),
      direction: t.arg({ type: MessageDirectionEnum, required: true }),
      startedAt: t.arg({ type: 'DateTime', required: true }),
      durationSeconds: t.arg.int(),
      clientId: t.arg.id(),
    },
    resolve: (_, args, ctx) =>
      logCall(ctx.deps.db, ctx.viewer, {
        phone: args.phone,
        direction: args.direction,
        startedAt: args.startedAt,
        durationSeconds: args.durationSeconds,
        clientId: args.clientId ? parseId(args.clientId, 'Client', 'The client') : null,
      }),
  }),
);
