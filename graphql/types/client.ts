import { documentsOfClient, findDocument, type DocumentRow } from '../../domain/documents/documents';
import { chatsOfClients, createClient, getClient, listClients } from '../../domain/clients/clients';
import { createDocument } from '../../domain/documents/create-document';
import { listDocuments } from '../../domain/documents/list-documents';
import { isUuid } from '../../domain/chats/get-chat';
import { canSeeClients } from '../../domain/access';
import { builder } from '../builder';
import { parseId } from '../ids';
import { connectionOf, requireForward } from '../connection';
import { ChatRef, ClientRef } from './refs';

export const DocumentKindEnum = builder.enumType('DocumentKind', { values: ['LEAD', 'ORDER', 'ESTIMATE', 'INVOICE'] as const });

export const DocumentRef = builder.objectRef<DocumentRow>('Document');

export { ClientRef };

builder.node(ClientRef, {
  id: { resolve: (c) => c.id },
  loadOne: async (id, ctx) => (isUuid(id) && canSeeClients(ctx.viewer) ? getClient(ctx.deps.db, ctx.viewer, id) : null),
  fields: (t) => ({
    name: t.exposeString('name'),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    chats: t.field({
      type: [ChatRef],
      description: "The client's chats in the channels the viewer may see.",
      resolve: (c, _, ctx) => (ctx.viewer ? chatsOfClients(ctx.deps.db, ctx.viewer, [c.id]) : []),
    }),
    documents: t.field({
      type: [DocumentRef],
      resolve: (c, _, ctx) => documentsOfClient(ctx.deps.db, ctx.viewer, c.id),
    }),
  }),
});

builder.node(DocumentRef, {
  id: { resolve: (d) => d.id },
  loadOne: (id, ctx) => findDocument(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, resolve: (d) => d.kind }),
    number: t.exposeString('number'),
    title: t.exposeString('title'),
    status: t.exposeString('status'),
    client: t.field({
      type: ClientRef,
      nullable: true,
      description: 'Null when there is none, or when the viewer lacks the Clients permission.',
      resolve: (d, _, ctx) => (d.clientId && canSeeClients(ctx.viewer) ? ctx.loaders.client.load(d.clientId) : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
  }),
});

builder.queryField('clients', (t) =>
  t.connection({
    type: ClientRef,
    args: { search: t.arg.string() },
    resolve: async (_, args, ctx) => connectionOf(await listClients(ctx.deps.db, ctx.viewer, args)),
  }, { name: 'ClientConnection' }, { name: 'ClientEdge' }),
);

builder.queryField('documents', (t) =>
  t.connection({
    type: DocumentRef,
    description: 'Leads, orders, estimates or invoices, newest first; search by number, title or client (DOCUMENTS permission).',
    args: { kind: t.arg({ type: DocumentKindEnum }), search: t.arg.string() },
    resolve: async (_, args, ctx) => {
      requireForward(args, 'documents');
      return connectionOf(await listDocuments(ctx.deps.db, ctx.viewer, args));
    },
  }, { name: 'DocumentConnection' }, { name: 'DocumentEdge' }),
);

builder.queryField('client', (t) =>
  t.field({
    type: ClientRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, args, ctx) => getClient(ctx.deps.db, ctx.viewer, parseId(args.id, 'Client', 'The client')),
  }),
);

builder.mutationField('createDocument', (t) =>
  t.field({
    type: DocumentRef,
    description: 'Numbered per kind by the server (L-0001, O-0001, E-0001, I-0001).',
    args: {
      clientId: t.arg.id({ required: true }),
      kind: t.arg({ type: DocumentKindEnum, required: true }),
      title: t.arg.string({ required: true }),
      chatId: t.arg.id(),
    },
    resolve: (_, args, ctx) =>
      createDocument(ctx.deps, ctx.viewer, {
        clientId: parseId(args.clientId, 'Client', 'The client'),
        kind: args.kind,
        title: args.title,
        chatId: args.chatId ? parseId(args.chatId, 'Chat', 'The chat') : null,
      }),
  }),
);

builder.mutationField('createClient', (t) =>
  t.field({
    type: ClientRef,
    args: { name: t.arg.string({ required: true }), phone: t.arg.string(), email: t.arg.string() },
    resolve: (_, args, ctx) => createClient(ctx.deps.db, ctx.viewer, args),
  }),
);
