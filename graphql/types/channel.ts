import { connectChannel, listChannels, rolesOfChannels } from '../../domain/channels/connect-channel';
import { channelTemplates } from '../../domain/channels/template-cache';
import { reconnectChannel } from '../../domain/channels/reconnect-channel';
import { setChannelAccess } from '../../domain/channels/set-channel-access';
import { setChannelReceiveComments } from '../../domain/channels/set-channel-receive-comments';
import { findChannel } from '../../domain/channels/find-channel';
import { builder } from '../builder';
import { parseId } from '../ids';
import { RoleRef } from './role';
import type { ChannelSummary } from '../../domain/chats/chat-view';


export const ChannelKindEnum = builder.enumType('ChannelKind', { values: ['MESSENGER', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM'] as const });
export const ChannelStateEnum = builder.enumType('ChannelState', { values: ['CONNECTED', 'SYNC_LOST', 'MISSING_PERMISSIONS'] as const });

export const MessageTemplateRef = builder.objectRef<{ name: string; language: string; category: string | null; body: string | null }>('MessageTemplate');
MessageTemplateRef.implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    language: t.exposeString('language'),
    category: t.exposeString('category', { nullable: true }),
    body: t.exposeString('body', { nullable: true }),
  }),
});

export const TemplateInputRef = builder.inputType('TemplateInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    language: t.string({ required: true }),
    params: t.stringList(),
  }),
});

export const ChannelRef = builder.objectRef<ChannelSummary>('Channel');

builder.node(ChannelRef, {
  id: { resolve: (c) => c.id },
  loadOne: (id, ctx) => findChannel(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    kind: t.field({ type: ChannelKindEnum, resolve: (c) => c.kind }),
    name: t.exposeString('name'),
    externalId: t.exposeString('externalId'),
    state: t.field({ type: ChannelStateEnum, resolve: (c) => c.state }),
    receiveComments: t.exposeBoolean('receiveComments'),
    roles: t.field({
      type: [RoleRef],
      description: 'The roles that may use this channel; empty without the SETTINGS permission.',
      resolve: async (c, _, ctx) => (ctx.viewer?.permissions.has('SETTINGS') ? (await rolesOfChannels(ctx.deps, [c.id])).map((r) => r.role) : []),
    }),
    templates: t.field({
      type: [MessageTemplateRef],
      description: "WhatsApp's approved templates; empty elsewhere.",
      // fetched once per channel every few minutes, shared by every reader; a hiccup shows as none
      resolve: (c, _, ctx) => channelTemplates(ctx.deps, c),
    }),
    lastWebhookAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.lastWebhookAt }),
    lastError: t.exposeString('lastError', { nullable: true }),
    lastErrorAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.lastErrorAt }),
    tokenExpiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.tokenExpiresAt }),
  }),
});

builder.queryField('channels', (t) => t.field({ type: [ChannelRef], resolve: (_, __, ctx) => listChannels(ctx.deps, ctx.viewer) }));

builder.mutationFields((t) => ({
  connectChannel: t.field({
    type: ChannelRef,
    args: {
      kind: t.arg({ type: ChannelKindEnum, required: true }),
      externalId: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      accessToken: t.arg.string({ required: true }),
      roleIds: t.arg.idList(),
      businessAccountId: t.arg.string(),
    },
    resolve: (_, args, ctx) =>
      connectChannel(ctx.deps, ctx.viewer, { ...args, roleIds: args.roleIds?.map((id) => parseId(id, 'Role')) }),
  }),
  setChannelAccess: t.field({
    type: ChannelRef,
    args: { channelId: t.arg.id({ required: true }), roleIds: t.arg.idList({ required: true }) },
    resolve: (_, args, ctx) =>
      setChannelAccess(
        ctx.deps,
        ctx.viewer,
        parseId(args.channelId, 'Channel'),
        args.roleIds.map((id) => parseId(id, 'Role')),
      ),
  }),
}));

builder.mutationField('setChannelReceiveComments', (t) =>
  t.field({
    type: ChannelRef,
    description: "Whether new comments under a Facebook page's or Instagram account's posts arrive in the chat feed.",
    args: { channelId: t.arg.id({ required: true }), enabled: t.arg.boolean({ required: true }) },
    resolve: (_, args, ctx) => setChannelReceiveComments(ctx.deps, ctx.viewer, parseId(args.channelId, 'Channel'), args.enabled),
  }),
);

builder.mutationField('reconnectChannel', (t) =>
  t.field({
    type: ChannelRef,
    description:
      'Brings a channel back after Sync lost or missing permissions, keeping its chats and role access: with a new token (Page, Instagram Page, WhatsApp or bot token), or without one to try the stored token again.',
    args: { channelId: t.arg.id({ required: true }), accessToken: t.arg.string() },
    resolve: (_, args, ctx) => reconnectChannel(ctx.deps, ctx.viewer, { channelId: parseId(args.channelId, 'Channel'), accessToken: args.accessToken }),
  }),
);
