import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ApiKeyRow } from '../../domain/roles/api-keys';
import { findApiKey } from '../../domain/roles/find-role';
import { listApiKeys, revokeApiKey } from '../../domain/roles/api-keys';
import { builder } from '../builder';
import { parseId } from '../ids';
import { RoleRef } from './role';

export const ApiKeyRef = builder.objectRef<ApiKeyRow>('ApiKey');

builder.node(ApiKeyRef, {
  description: 'An integrator’s key. The key itself is shown once, when it is created.',
  id: { resolve: (k) => k.id },
  loadOne: (id, ctx) => findApiKey(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the key, to tell keys apart.' }),
    role: t.field({ type: RoleRef, resolve: async (k, _, ctx) => (await ctx.loaders.role.load(k.roleId))! }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Updated at most once a minute.' }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKeyRef],
    description: 'Keys that work, newest first. SETTINGS permission.',
    resolve: (_, __, ctx) => listApiKeys(ctx.deps.db, ctx.viewer),
  }),
);

builder.mutationField('revokeApiKey', (t) =>
  t.id({
    description: 'The key is refused from the next request on and its open sockets are closed. Returns its id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_, args, ctx) => {
      let id = '';
      try {
        id = parseId(args.id, 'ApiKey', 'The API key');
      } catch {
        // checked after the permission: a malformed id reads as a missing key
      }
      return encodeGlobalID('ApiKey', await revokeApiKey(ctx.deps.db, ctx.viewer, id));
    },
  }),
);
