import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const channelKind = pgEnum('channel_kind', ['MESSENGER', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM']);
export const channelState = pgEnum('channel_state', ['CONNECTED', 'SYNC_LOST', 'MISSING_PERMISSIONS']);
export const chatStatus = pgEnum('chat_status', ['OPEN', 'ARCHIVED']);
export const messageDirection = pgEnum('message_direction', ['INBOUND', 'OUTBOUND']);
export const messageStatus = pgEnum('message_status', ['RECEIVED', 'PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED']);
export const messageTag = pgEnum('message_tag', ['ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'HUMAN_AGENT']);
export const documentKind = pgEnum('document_kind', ['LEAD', 'ORDER', 'ESTIMATE', 'INVOICE']);
export const transcriptionStatus = pgEnum('transcription_status', ['PENDING', 'DONE', 'FAILED']);
export const jobState = pgEnum('job_state', ['QUEUED', 'RUNNING', 'DONE', 'FAILED']);

export const roles = pgTable('roles', {
  id: id(),
  name: text('name').notNull().unique(),
  permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
  builtin: boolean('builtin').notNull().default(false),
  createdAt: createdAt(),
});

export const employees = pgTable('employees', {
  id: id(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  roleId: uuid('role_id').notNull().references(() => roles.id),
  // a deactivated employee keeps their name on old messages but can't sign in
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie value: a stolen table does not yield live sessions
    tokenHash: text('token_hash').primaryKey(),
    // what the owner and admins see and revoke by; never the token or its hash
    id: uuid('id').notNull().unique().default(sql`gen_random_uuid()`),
    employeeId: uuid('employee_id').notNull().references(() => employees.id, { onDelete: 'cascade' }),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
    lastSeenAt: ts('last_seen_at'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_employee_idx').on(t.employeeId)],
);

export const apiKeys = pgTable('api_keys', {
  id: id(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  roleId: uuid('role_id').notNull().references(() => roles.id),
  createdAt: createdAt(),
  lastUsedAt: ts('last_used_at'),
  // a revoked key is refused at once and leaves the list; the row stays for the record
  revokedAt: ts('revoked_at'),
});

export const channels = pgTable(
  'channels',
  {
    id: id(),
    kind: channelKind('kind').notNull(),
    name: text('name').notNull(),
    externalId: text('external_id').notNull(),
    accessToken: text('access_token').notNull(),
    businessAccountId: text('business_account_id'),
    // an Instagram account reached through Facebook Login: the Facebook Page it is linked to
    pageId: text('page_id'),
    // the demo channel talks to the built-in demo Graph API instead of META_GRAPH_URL
    apiBaseUrl: text('api_base_url'),
    webhookSecret: text('webhook_secret'),
    state: channelState('state').notNull().default('CONNECTED'),
    receiveComments: boolean('receive_comments').notNull().default(false),
    lastWebhookAt: ts('last_webhook_at'),
    lastError: text('last_error'),
    lastErrorAt: ts('last_error_at'),
    tokenExpiresAt: ts('token_expires_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channels_kind_external_idx').on(t.kind, t.externalId)],
);

/**
 * A Facebook Login an admin just finished: the pages (with their tokens) Meta handed us, kept
 * until the admin picks which to connect. Tokens never leave the server.
 */
export const facebookLogins = pgTable('facebook_logins', {
  id: id(),
  employeeId: uuid('employee_id').notNull().references(() => employees.id, { onDelete: 'cascade' }),
  pages: jsonb('pages').notNull(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: createdAt(),
});

export const channelRoles = pgTable(
  'channel_roles',
  {
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.roleId] }), index('channel_roles_role_idx').on(t.roleId)],
);

/** A person as one platform knows them (PSID, IGSID, phone number, Telegram user id). */
export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    displayName: text('display_name'),
    username: text('username'),
    phone: text('phone'),
    /** Our copy of the customer's picture in the media store (never the platform's expiring URL). */
    avatarKey: text('avatar_key'),
    /** When the profile was last fetched, or queued to be: refreshed when older than a week. */
    profileFetchedAt: ts('profile_fetched_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contacts_channel_external_idx').on(t.channelId, t.externalId),
    // finding chats (pg_trgm, created by the migration): names, @usernames and phones by any part
    index('contacts_name_trgm_idx').using('gin', t.displayName.op('gin_trgm_ops')),
    index('contacts_username_trgm_idx').using('gin', t.username.op('gin_trgm_ops')),
    index('contacts_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops')),
  ],
);

export const clients = pgTable(
  'clients',
  {
    id: id(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [
    index('clients_name_idx').on(t.name),
    index('clients_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('clients_phone_trgm_idx').using('gin', t.phone.op('gin_trgm_ops')),
  ],
);

export const chats = pgTable(
  'chats',
  {
    id: id(),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    status: chatStatus('status').notNull().default('OPEN'),
    archivedAt: ts('archived_at'),
    archivedById: uuid('archived_by_id').references(() => employees.id, { onDelete: 'set null' }),
    unread: boolean('unread').notNull().default(false),
    awaitingReply: boolean('awaiting_reply').notNull().default(false),
    lastMessageId: uuid('last_message_id'),
    // ms precision, like the JS dates in keyset cursors
    lastMessageAt: ts('last_message_at').notNull().default(sql`date_trunc('milliseconds', now())`),
    // platform time of the customer's last message: send windows count from it
    lastInboundAt: ts('last_inbound_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chats_contact_idx').on(t.contactId),
    index('chats_inbox_idx').on(t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('chats_channel_inbox_idx').on(t.channelId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('chats_client_idx').on(t.clientId),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: id(),
    chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    postId: text('post_id').notNull(),
    postUrl: text('post_url'),
    text: text('text').notNull(),
    createdAt: createdAt(),
    /** The commenter's name (Facebook) or username (Instagram) as the comment carried it. */
    authorName: text('author_name'),
    /** The platform id of the comment this one answers (a reply to a reply); null for a top-level comment. */
    parentExternalId: text('parent_external_id'),
    editedAt: ts('edited_at'),
    removedAt: ts('removed_at'),
    /** Our one private reply to this comment (a platform allows one per comment). */
    privateReplyMessageId: uuid('private_reply_message_id'),
    /** The start of the post's text or caption, once the `fetch-post` job read it. */
    postExcerpt: text('post_excerpt'),
    /** Our copy of the post's picture (the media store's key), shared by the post's comments. */
    postPictureKey: text('post_picture_key'),
  },
  (t) => [
    uniqueIndex('comments_channel_external_idx').on(t.channelId, t.externalId),
    index('comments_chat_idx').on(t.chatId),
    index('comments_post_idx').on(t.channelId, t.postId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    chatId: uuid('chat_id').notNull().references(() => chats.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    direction: messageDirection('direction').notNull(),
    status: messageStatus('status').notNull(),
    text: text('text'),
    providerMessageId: text('provider_message_id'),
    // when the platform says it happened (ms precision); createdAt is when we stored it
    sentAt: ts('sent_at').notNull().default(sql`date_trunc('milliseconds', now())`),
    deliveredAt: ts('delivered_at'),
    readAt: ts('read_at'),
    senderId: uuid('sender_id').references(() => employees.id, { onDelete: 'set null' }),
    /** Ours, but written outside this app (Meta Business Suite, the platform's own app): seen as an echo. */
    sentOutside: boolean('sent_outside').notNull().default(false),
    tag: messageTag('tag'),
    // a WhatsApp template message: what the job sends instead of free text
    templateName: text('template_name'),
    templateLanguage: text('template_language'),
    templateParams: text('template_params').array(),
    error: text('error'),
    errorCode: text('error_code'),
    commentId: uuid('comment_id').references(() => comments.id, { onDelete: 'set null' }),
    replyToCommentId: uuid('reply_to_comment_id').references(() => comments.id, { onDelete: 'set null' }),
    transcriptionStatus: transcriptionStatus('transcription_status'),
    transcriptionText: text('transcription_text'),
    transcriptionLanguage: text('transcription_language'),
    transcriptionError: text('transcription_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_channel_provider_idx').on(t.channelId, t.providerMessageId),
    index('messages_chat_time_idx').on(t.chatId, t.sentAt, t.id),
    index('messages_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    messageId: uuid('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    sourceUrl: text('source_url'),
    storageKey: text('storage_key'),
    mimeType: text('mime_type'),
    fileName: text('file_name'),
    size: integer('size'),
    durationSeconds: real('duration_seconds'),
    error: text('error'),
    // order within the message: an operator's files go out (and show) in the order attached
    position: integer('position').notNull().default(0),
    // an outbound file the platform has accepted: a retry resumes after it instead of sending it twice
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId),
    // an echo of one of our files is recognised by its id (only outbound files have one)
    index('attachments_provider_idx').on(t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: id(),
    kind: documentKind('kind').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull().default('NEW'),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('documents_kind_number_idx').on(t.kind, t.number),
    index('documents_client_idx').on(t.clientId),
    // the Leads, Orders, Estimates and Invoices pages: newest first per kind
    index('documents_kind_created_idx').on(t.kind, t.createdAt.desc(), t.id.desc()),
    index('documents_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
  ],
);

/** The last number given out per document kind: numbers are gap-free and never reused. */
export const documentCounters = pgTable('document_counters', {
  kind: documentKind('kind').primaryKey(),
  last: integer('last').notNull(),
});

/** Every webhook body we accepted, verbatim, unique on the provider's own id for dedupe. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    provider: text('provider').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    payload: jsonb('payload').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_events_dedupe_idx').on(t.provider, t.dedupeKey)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    state: jobState('state').notNull().default('QUEUED'),
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(6),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
    // 0 first: operators' sends, then their read marks, media and profiles, housekeeping last
    priority: integer('priority').notNull().default(2),
    // a job that only needs to run once while it waits (trim this chat's history): one QUEUED row per key
    dedupeKey: text('dedupe_key'),
    // what the running attempt last committed to ("handing-over" a send): read back when a dead worker's job is taken back
    checkpoint: text('checkpoint'),
  },
  (t) => [
    index('jobs_due_idx').on(t.state, t.runAt),
    index('jobs_queued_idx').on(t.priority, t.runAt).where(sql`${t.state} = 'QUEUED'`),
    index('jobs_running_idx').on(t.lockedUntil).where(sql`${t.state} = 'RUNNING'`),
    uniqueIndex('jobs_queued_dedupe_idx').on(t.dedupeKey).where(sql`${t.state} = 'QUEUED' and ${t.dedupeKey} is not null`),
  ],
);

/**
 * The live-event log: one row per change a subscriber may see. Subscribers get ids over the bus
 * and a reconnecting client replays from its last id, so nothing is lost across a reconnect.
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    channelId: uuid('channel_id').notNull(),
    chatId: uuid('chat_id').notNull(),
    messageId: uuid('message_id'),
    createdAt: createdAt(),
  },
  (t) => [index('inbox_events_created_idx').on(t.createdAt)],
);

/** The Calls page: phone calls as a telephony integration reports them (`logCall`). */
export const calls = pgTable(
  'calls',
  {
    id: id(),
    /** E.164 when the integration's number could be read as one; else as it came. */
    phone: text('phone').notNull(),
    direction: messageDirection('direction').notNull(),
    startedAt: ts('started_at').notNull(),
    durationSeconds: integer('duration_seconds'),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('calls_started_idx').on(t.startedAt.desc(), t.id.desc()), index('calls_client_idx').on(t.clientId)],
);
