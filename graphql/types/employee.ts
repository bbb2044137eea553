import { eq } from 'drizzle-orm';
import { employees } from '../../db/schema';
import { isUuid } from '../../domain/chats/get-chat';
import { builder } from '../builder';
import { RoleRef } from './role';

export type EmployeeRow = typeof employees.$inferSelect;

export const EmployeeRef = builder.objectRef<EmployeeRow>('Employee');

builder.node(EmployeeRef, {
  id: { resolve: (e) => e.id },
  loadOne: async (id, ctx) => {
    if (!isUuid(id)) return null;
    if (!ctx.viewer) return null;
    const [row] = await ctx.deps.db.select().from(employees).where(eq(employees.id, id));
    return row ?? null;
  },
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    role: t.field({
      type: RoleRef,
      resolve: async (e, _, ctx) => (await ctx.loaders.role.load(e.roleId))!,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: EmployeeRef,
    nullable: true,
    description: 'The signed-in employee; null for an API key or when signed out.',
    resolve: (_, __, ctx) => (ctx.viewer?.employeeId ? ctx.loaders.employee.load(ctx.viewer.employeeId) : null),
  }),
);
