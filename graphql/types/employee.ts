import { encodeGlobalID } from '@pothos/plugin-relay';
import type { SessionRow } from '../../domain/employees/sessions';
import { sessionTokenHashOf } from '../../auth/viewer';
import { forbidden } from '../../domain/errors';
import { findEmployee } from '../../domain/employees/find-employee';
import { addEmployee, listEmployees, updateEmployee, type EmployeeRow } from '../../domain/employees/manage-employees';
import { revokeSession, sessionsOfEmployee } from '../../domain/employees/sessions';
import { canReadEmployeeDetails } from '../../domain/employees/visibility';
import { builder } from '../builder';
import type { Context } from '../context';
import { parseId } from '../ids';
import { RoleRef } from './role';

export type { EmployeeRow };

export const EmployeeRef = builder.objectRef<EmployeeRow>('Employee');

/** Colleagues' details are for SETTINGS and for the employee themselves (decision 010). */
function details<T>(e: EmployeeRow, ctx: Context, value: () => T): T {
  if (!canReadEmployeeDetails(ctx.viewer, e.id)) {
    throw forbidden('Only the employee and roles with the SETTINGS permission see this. Ask an admin if you need it.');
  }
  return value();
}

export const SessionRef = builder.objectRef<SessionRow>('Session').implement({
  description: 'A signed-in browser of an employee.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => encodeGlobalID('Session', s.id) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true, description: 'Updated at most once a minute.' }),
    userAgent: t.exposeString('userAgent', { nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    current: t.boolean({
      description: 'This is the session the request came with.',
      resolve: (s, _, ctx) => (ctx.credentials ? sessionTokenHashOf(ctx.credentials) === s.tokenHash : false),
    }),
  }),
});

builder.node(EmployeeRef, {
  id: { resolve: (e) => e.id },
  // hidden answers like missing: null either way
  loadOne: (id, ctx) => findEmployee(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.string({ description: 'Readable by the employee and by SETTINGS.', resolve: (e, _, ctx) => details(e, ctx, () => e.email) }),
    role: t.field({
      type: RoleRef,
      description: 'Readable by the employee and by SETTINGS.',
      resolve: (e, _, ctx) => details(e, ctx, async () => (await ctx.loaders.role.load(e.roleId))!),
    }),
    active: t.boolean({
      description: 'A deactivated employee cannot sign in. Readable by the employee and by SETTINGS.',
      resolve: (e, _, ctx) => details(e, ctx, () => e.active),
    }),
    sessions: t.field({
      type: [SessionRef],
      description: 'Signed-in browsers, most recently seen first. Readable by the employee and by SETTINGS.',
      resolve: (e, _, ctx) => details(e, ctx, () => sessionsOfEmployee(ctx.deps.db, ctx.viewer, e.id)),
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: EmployeeRef,
    nullable: true,
    description: 'The signed-in employee; null for an API key or when signed out.',
    resolve: (_, __, ctx) => (ctx.viewer?.employeeId ? ctx.loaders.employee.load(ctx.viewer.employeeId) : null),
  }),
  employees: t.field({
    type: [EmployeeRef],
    description: 'Everyone who can or could sign in, active first. SETTINGS permission.',
    resolve: (_, __, ctx) => listEmployees(ctx.deps.db, ctx.viewer),
  }),
}));

builder.mutationFields((t) => ({
  createEmployee: t.field({
    type: EmployeeRef,
    description: 'Adds an employee who signs in with this e-mail and first password. SETTINGS permission.',
    args: {
      name: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      roleId: t.arg.id({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: (_, args, ctx) =>
      addEmployee(ctx.deps.db, ctx.viewer, { name: args.name, email: args.email, password: args.password, roleId: idOf(args.roleId, 'Role') }),
  }),
  updateEmployee: t.field({
    type: EmployeeRef,
    description: 'Gives another role, or deactivates (ending their sessions and sockets at once) or reactivates. SETTINGS permission.',
    args: { employeeId: t.arg.id({ required: true }), roleId: t.arg.id(), active: t.arg.boolean() },
    resolve: (_, args, ctx) =>
      updateEmployee(ctx.deps.db, ctx.viewer, {
        employeeId: idOf(args.employeeId, 'Employee'),
        roleId: args.roleId == null ? null : idOf(args.roleId, 'Role'),
        active: args.active,
      }),
  }),
  revokeSession: t.id({
    description: 'Signs a session out, with its open sockets; by its owner or by SETTINGS. Returns its id.',
    args: { sessionId: t.arg.id({ required: true }) },
    resolve: async (_, args, ctx) => encodeGlobalID('Session', await revokeSession(ctx.deps.db, ctx.viewer, idOf(args.sessionId, 'Session'))),
  }),
}));

/** Ids are checked by the domain after the permission: a malformed one reads as a missing one. */
function idOf(globalId: string, typename: string): string {
  try {
    return parseId(globalId, typename);
  } catch {
    return '';
  }
}
