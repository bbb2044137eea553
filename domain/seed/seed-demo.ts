import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { channelRoles, channels, chats, clients, contacts, employees, messages } from '../../db/schema';
import type { Deps } from '../deps';
import { buildEmployeeViewer } from '../../auth/viewer';
import { logCall } from '../calls/calls';
import { createDocument, type DocumentKind } from '../documents/create-document';
import { createEmployee, ensureBuiltinRoles } from '../employees/create-employee';

export const DEMO_ADMIN = { email: 'admin@demo.local', password: 'demo-admin-2026', name: 'Demo Admin' };
export const DEMO_OPERATOR = { email: 'operator@demo.local', password: 'demo-operator-2026', name: 'Olga Operator' };
export const DEMO_PAGE_ID = '100000000000001';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/**
 * Demo data for a first look: an admin and an operator, a Messenger page served by the built-in
 * demo Graph API, and a few chats in every state the inbox shows.
 */
export async function seedDemo(deps: Deps) {
  const db = deps.db;
  const roles = await ensureBuiltinRoles(db);
  const admin = await createEmployee(db, { ...DEMO_ADMIN, roleId: roles.Admin.id });
  await createEmployee(db, { ...DEMO_OPERATOR, roleId: roles.Operator.id });
  const [channel] = await db
    .insert(channels)
    .values({
      kind: 'MESSENGER',
      name: 'Fix-It Repair Shop (demo)',
      externalId: DEMO_PAGE_ID,
      // a secret of this install: the demo Graph API answers only calls that carry it (decision 011)
      accessToken: `demo-${randomBytes(24).toString('base64url')}`,
      apiBaseUrl: `http://127.0.0.1:${deps.config.port}/api/demo/graph/v24.0`,
    })
    .returning();
  await db.insert(channelRoles).values({ channelId: channel.id, roleId: roles.Operator.id });

  // phones in E.164, as the app stores them: the client card and logCall find clients by them
  const [anna, marco, lena, jonas] = await db
    .insert(clients)
    .values([
      { name: 'Anna Schmidt', phone: '+49301234567', email: 'anna@example.com' },
      { name: 'Marco Rossi', phone: '+491705550123', email: null },
      { name: 'Lena Vogel', phone: '+4915112345678', email: 'lena.vogel@example.com' },
      // a client who never wrote: the card offers "+ Chat"
      { name: 'Jonas Weber', phone: '+4917699988877', email: null },
    ])
    .returning();
  const people = [
    { psid: '2000000000000001', name: 'Anna Schmidt', client: anna.id, lines: [['in', 'Hi! Is my phone repair done yet?', 180], ['out', 'Hello Anna, the new screen is in. Ready tomorrow at 10.', 170], ['in', 'Great, thank you!', 160]] },
    { psid: '2000000000000002', name: 'Marco Rossi', client: marco.id, lines: [['in', 'Do you fix water-damaged laptops?', 45], ['in', 'It is a 2021 MacBook Air.', 44]] },
    { psid: '2000000000000003', name: null, client: null, lines: [['in', 'How much for a battery replacement?', 12]] },
    { psid: '2000000000000004', name: 'Lena Vogel', client: lena.id, lines: [['in', 'Can I pick up my bike on Saturday?', 60 * 24 * 8], ['out', 'Yes, we are open 9–14 on Saturdays.', 60 * 24 * 8 - 60]] },
  ] as const;

  for (const person of people) {
    const [contact] = await db
      .insert(contacts)
      .values({ channelId: channel.id, externalId: person.psid, displayName: person.name, profileFetchedAt: new Date() })
      .returning();
    const [chat] = await db.insert(chats).values({ channelId: channel.id, contactId: contact.id, clientId: person.client }).returning();
    let last: typeof messages.$inferSelect | undefined;
    let lastInbound: Date | null = null;
    for (const [dir, text, ago] of person.lines) {
      const at = minutesAgo(ago);
      const inbound = dir === 'in';
      [last] = await db
        .insert(messages)
        .values({
          chatId: chat.id,
          channelId: channel.id,
          direction: inbound ? 'INBOUND' : 'OUTBOUND',
          status: inbound ? 'RECEIVED' : 'READ',
          text,
          providerMessageId: `m_demo_${person.psid}_${ago}`,
          sentAt: at,
          deliveredAt: inbound ? null : at,
          readAt: inbound ? null : minutesAgo(ago - 1),
        })
        .returning();
      if (inbound) lastInbound = at;
    }
    const inboundLast = last!.direction === 'INBOUND';
    await db
      .update(chats)
      .set({
        lastMessageId: last!.id,
        lastMessageAt: last!.sentAt,
        lastInboundAt: lastInbound,
        awaitingReply: inboundLast,
        // the newest chats are unread; older ones read but still waiting (grey marker)
        unread: inboundLast && person.lines[person.lines.length - 1][2] < 60,
      })
      .where(eq(chats.id, chat.id));
  }
  await seedDemoCrm(deps, admin.id, { anna: anna.id, marco: marco.id, lena: lena.id, jonas: jonas.id });
  return { channel };
}

/** Leads, orders, estimates, invoices and a call log, so the CRM pages show what they are for. */
async function seedDemoCrm(deps: Deps, adminId: string, client: Record<'anna' | 'marco' | 'lena' | 'jonas', string>) {
  const viewer = await buildEmployeeViewer(deps.db, adminId);
  const documents: [keyof typeof client, DocumentKind, string][] = [
    ['marco', 'LEAD', 'Water-damaged MacBook Air 2021: diagnosis'],
    ['jonas', 'LEAD', 'Quote for replacing 12 office laptop batteries'],
    ['anna', 'ESTIMATE', 'Screen replacement iPhone 13'],
    ['anna', 'ORDER', 'Screen replacement iPhone 13'],
    ['lena', 'ORDER', 'E-bike service and new brake pads'],
    ['jonas', 'ESTIMATE', 'Battery replacement, 12 × ThinkPad T14'],
    ['lena', 'INVOICE', 'E-bike service and new brake pads'],
    ['anna', 'INVOICE', 'Screen replacement iPhone 13'],
  ];
  for (const [who, kind, title] of documents) await createDocument(deps, viewer, { clientId: client[who], kind, title });
  const calls: [string, 'INBOUND' | 'OUTBOUND', number, number | null][] = [
    ['+49301234567', 'INBOUND', 200, 95],
    ['+4917699988877', 'INBOUND', 130, 312],
    ['+4917699988877', 'OUTBOUND', 90, 48],
    ['+4915112345678', 'OUTBOUND', 60 * 26, 130],
    ['+4930987654', 'INBOUND', 30, null],
  ];
  for (const [phone, direction, ago, durationSeconds] of calls) await logCall(deps.db, viewer, { phone, direction, startedAt: minutesAgo(ago), durationSeconds });
}

/** Seeds only a database that has no employees yet, so a restart never duplicates demo data. */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(employees);
  if (Number(row.n) > 0) {
    await ensureBuiltinRoles(deps.db);
    return false;
  }
  await seedDemo(deps);
  deps.log.info(
    { admin: DEMO_ADMIN.email, password: DEMO_ADMIN.password, operator: DEMO_OPERATOR.email, operatorPassword: DEMO_OPERATOR.password },
    'demo data loaded: sign in with the demo admin',
  );
  return true;
}
