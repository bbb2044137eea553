import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApiKey } from '../../domain/roles/create-api-key';
import { deleteRole } from '../../domain/roles/delete-role';
import { findRole } from '../../domain/roles/find-role';
import { createRole, listRoles, type RoleRow } from '../../domain/roles/roles';
import { updateRole } from '../../domain/roles/update-role';
import { builder } from '../builder';
import { parseId } from '../ids';

export type { RoleRow };

export const RoleRef = builder.objectRef<RoleRow>('Role');

builder.node(RoleRef, {
  id: { resolve: (r) => r.id },
  // SETTINGS reads every role, anyone else only their own (decision 010); hidden answers like missing
  loadOne: (id, ctx) => findRole(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    name: t.exposeString('name'),
    permissions: t.exposeStringList('permissions', { description: '"CHATS", "CLIENTS", "DOCUMENTS", "SETTINGS"' }),
    builtin: t.exposeBoolean('builtin'),
  }),
});

builder.queryField('roles', (t) => t.field({ type: [RoleRef], resolve: (_, __, ctx) => listRoles(ctx.deps.db, ctx.viewer) }));

builder.mutationFields((t) => ({
  createRole: t.field({
    type: RoleRef,
    args: { name: t.arg.string({ required: true }), permissions: t.arg.stringList({ required: true }) },
    resolve: (_, args, ctx) => createRole(ctx.deps.db, ctx.viewer, args),
  }),
  updateRole: t.field({
    type: RoleRef,
    description: 'Renames a role or replaces its permissions; takes effect at once. Built-in roles keep their name, the built-in Admin every permission.',
    args: { roleId: t.arg.id({ required: true }), name: t.arg.string(), permissions: t.arg.stringList() },
    resolve: (_, args, ctx) =>
      updateRole(ctx.deps.db, ctx.viewer, { roleId: parseId(args.roleId, 'Role'), name: args.name, permissions: args.permissions }),
  }),
  deleteRole: t.id({
    description: 'Deletes a role that no employee or API key holds; returns its id. Built-in roles cannot be deleted.',
    args: { roleId: t.arg.id({ required: true }) },
    resolve: async (_, args, ctx) => encodeGlobalID('Role', await deleteRole(ctx.deps.db, ctx.viewer, parseId(args.roleId, 'Role'))),
  }),
  createApiKey: t.string({
    description: 'The key, shown once: store it now.',
    args: { name: t.arg.string({ required: true }), roleId: t.arg.id({ required: true }) },
    resolve: (_, args, ctx) => createApiKey(ctx.deps.db, ctx.viewer, { name: args.name, roleId: parseId(args.roleId, 'Role') }),
  }),
}));
