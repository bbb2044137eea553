import { eq } from 'drizzle-orm';
import { createApiKeyRecord } from '../../domain/roles/api-keys';
import { SESSION_COOKIE } from '../../auth/cookies';
import { createSession } from '../../domain/employees/sessions';
import { channelRoles, channels, chats, contacts, messages, roles } from '../../db/schema';
import type { Deps } from '../../domain/deps';
import { createEmployee, ensureBuiltinRoles } from '../../domain/employees/create-employee';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

export async function builtinRoles(deps: Deps) {
  return ensureBuiltinRoles(deps.db);
}

export async function makeRole(deps: Deps, permissions: string[] = ['CHATS'], name = `Role ${next()}`) {
  const [role] = await deps.db.insert(roles).values({ name, permissions }).returning();
  return role;
}

/** An employee with a live session; `cookie` is what a browser would send. */
export async function makeEmployee(deps: Deps, roleId: string, name = `Employee ${next()}`) {
  const employee = await createEmployee(deps.db, { name, email: `${next()}@test.local`, password: 'password-123', roleId });
  const session = (await createSession(deps.db, employee.id))!;
  return { employee, cookie: `${SESSION_COOKIE}=${session.token}` };
}

export async function makeApiKey(deps: Deps, roleId: string) {
  const key = await createApiKeyRecord(deps.db, `key ${next()}`, roleId);
  return { key, authorization: `Bearer ${key}` };
}

export async function makeChannel(
  deps: Deps,
  input: { roleIds?: string[]; externalId?: string; kind?: 'MESSENGER' | 'INSTAGRAM' | 'WHATSAPP'; accessToken?: string; state?: 'CONNECTED' | 'SYNC_LOST' } = {},
) {
  const [channel] = await deps.db
    .insert(channels)
    .values({
      kind: input.kind ?? 'MESSENGER',
      name: `Page ${next()}`,
      externalId: input.externalId ?? `${Math.floor(Math.random() * 1e15)}`,
      accessToken: input.accessToken ?? 'page-token',
      state: input.state ?? 'CONNECTED',
    })
    .returning();
  for (const roleId of input.roleIds ?? []) await deps.db.insert(channelRoles).values({ channelId: channel.id, roleId });
  return channel;
}

/** A chat with a customer who wrote `lastInboundAgoMs` ago (default: a minute). */
export async function makeChat(deps: Deps, channelId: string, input: { psid?: string; name?: string | null; lastInboundAgoMs?: number; text?: string } = {}) {
  const at = new Date(Date.now() - (input.lastInboundAgoMs ?? 60_000));
  const [contact] = await deps.db
    .insert(contacts)
    .values({ channelId, externalId: input.psid ?? `${Math.floor(Math.random() * 1e15)}`, displayName: input.name === undefined ? 'Test Customer' : input.name })
    .returning();
  const [chat] = await deps.db.insert(chats).values({ channelId, contactId: contact.id, lastMessageAt: at, lastInboundAt: at, unread: true, awaitingReply: true }).returning();
  const [message] = await deps.db
    .insert(messages)
    .values({ chatId: chat.id, channelId, direction: 'INBOUND', status: 'RECEIVED', text: input.text ?? 'Hello', providerMessageId: `m_${next()}`, sentAt: at })
    .returning();
  await deps.db.update(chats).set({ lastMessageId: message.id }).where(eq(chats.id, chat.id));
  return { chat, contact, message };
}
