import { connectFacebookAccounts, getFacebookLogin, isFacebookLoginConfigured } from '../../domain/channels/facebook-login';
import { builder } from '../builder';
import { parseId } from '../ids';
import { ChannelRef } from './channel';

type LoginView = Awaited<ReturnType<typeof getFacebookLogin>>;
type PageView = LoginView['pages'][number];

const FacebookInstagramAccountRef = builder.objectRef<NonNullable<PageView['instagram']>>('FacebookInstagramAccount');
FacebookInstagramAccountRef.implement({
  description: 'An Instagram professional account linked to a Facebook Page.',
  fields: (t) => ({
    id: t.exposeString('id'),
    username: t.exposeString('username', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
    connected: t.exposeBoolean('connected', { description: 'Already connected here as an Instagram channel.' }),
  }),
});

const FacebookPageRef = builder.objectRef<PageView>('FacebookPage');
FacebookPageRef.implement({
  description: 'A Facebook Page the person who logged in with Facebook manages.',
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name'),
    canMessage: t.exposeBoolean('canMessage', { description: "False when the person's role on the Page does not include messaging." }),
    messengerConnected: t.exposeBoolean('messengerConnected'),
    instagram: t.field({ type: FacebookInstagramAccountRef, nullable: true, resolve: (p) => p.instagram }),
  }),
});

const FacebookLoginRef = builder.objectRef<LoginView>('FacebookLogin');
FacebookLoginRef.implement({
  description: 'A finished Facebook Login, waiting for the admin to pick what to connect. Expires after 30 minutes.',
  fields: (t) => ({
    id: t.exposeID('id'),
    expiresAt: t.field({ type: 'DateTime', resolve: (l) => l.expiresAt }),
    pages: t.field({ type: [FacebookPageRef], resolve: (l) => l.pages }),
  }),
});

const FacebookAccountKindEnum = builder.enumType('FacebookAccountKind', { values: ['MESSENGER', 'INSTAGRAM'] as const });

const FacebookAccountInputRef = builder.inputType('FacebookAccountInput', {
  fields: (t) => ({
    kind: t.field({ type: FacebookAccountKindEnum, required: true }),
    externalId: t.string({ required: true, description: 'The Page id (MESSENGER) or the Instagram account id (INSTAGRAM).' }),
  }),
});

builder.queryFields((t) => ({
  facebookLogin: t.field({
    type: FacebookLoginRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, args, ctx) => getFacebookLogin(ctx.deps, ctx.viewer, String(args.id)),
  }),
  facebookLoginAvailable: t.boolean({
    description: 'Whether "Log in with Facebook" can be used (META_APP_ID and META_APP_SECRET are set).',
    resolve: (_, __, ctx) => isFacebookLoginConfigured(ctx.deps),
  }),
}));

builder.mutationField('connectFacebookAccounts', (t) =>
  t.field({
    type: [ChannelRef],
    description: 'Connects Pages (Messenger) and Instagram accounts picked from a Facebook Login.',
    args: {
      loginId: t.arg.id({ required: true }),
      accounts: t.arg({ type: [FacebookAccountInputRef], required: true }),
      roleIds: t.arg.idList(),
    },
    resolve: (_, args, ctx) =>
      connectFacebookAccounts(ctx.deps, ctx.viewer, {
        loginId: String(args.loginId),
        accounts: args.accounts,
        roleIds: args.roleIds?.map((id) => parseId(id, 'Role')),
      }),
  }),
);
