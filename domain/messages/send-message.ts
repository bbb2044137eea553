import { eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { capabilitiesOf } from '../../channels/capabilities';
import { attachments, channels, chats, messages } from '../../db/schema';
import type { Tx } from '../../db/client';
import type { InboxEventRecord } from '../../events/bus';
import { recordEvent } from '../../events/record';
import { MAX_TEXT_LENGTH, textLength } from '../../lib/text-limits';
import { enqueueJob } from '../../jobs/queue';
import type { ChatView, MessageRow } from '../chats/chat-view';
import { getChatOrThrow } from '../chats/get-chat';
import { inTransaction, type Deps } from '../deps';
import { badInput, DomainError } from '../errors';
import { initialStatus } from './message-status';
import { discardStoredFiles, readOutboundFiles, storeOutboundFiles, type OutboundFile, type UploadedFile } from './outbound-files';
import { schedulePrune } from './prune-history';
import { OPERATOR_TAGS, sendWindow, type OperatorTag, type Sendability } from './send-window';

export interface TemplateChoice {
  name: string;
  language: string;
  params?: string[] | null;
}

export interface SendMessageInput {
  chatId: string;
  text: string;
  tag?: OperatorTag | null;
  /** An approved WhatsApp template: allowed outside the 24-hour window; `text` is then ignored. */
  template?: TemplateChoice | null;
  /** Files sent before the text (the text may then be empty); see outbound-files.ts for the limits. */
  attachments?: UploadedFile[] | null;
}

const blockMessages: Record<NonNullable<Sendability['block']>, string> = {
  TAG_REQUIRED: 'The customer wrote more than 7 days ago. Pick a message tag to send this message.',
  WINDOW_CLOSED: 'The customer wrote more than 7 days ago, so Instagram no longer lets us answer here. Continue in the Instagram app, or wait until the customer writes again.',
  TEMPLATE_REQUIRED: 'The customer wrote more than 24 hours ago. WhatsApp only allows an approved template now.',
  SYNC_LOST: 'This channel has lost its connection. Reconnect it in Settings > Chats, then send again.',
  NO_ACCESS: 'Your role has no access to this channel.',
};

export function chatSendability(view: ChatView, now = new Date()): Sendability {
  return sendWindow({
    kind: view.channel.kind,
    state: view.channel.state,
    lastInboundAt: view.chat.lastInboundAt,
    contactUsername: view.contact.username,
    now,
  });
}

/** Checks the text and the platform's window, stores a PENDING message and queues its delivery. */
export async function sendMessage(deps: Deps, viewer: Viewer | null, input: SendMessageInput): Promise<MessageRow> {
  const view = await getChatOrThrow(deps.db, viewer, input.chatId);
  const uploads = input.attachments ?? [];
  if (input.template) {
    if (uploads.length) throw badInput('A template message cannot carry files. Send the files once the customer has answered.', { field: 'attachments' });
    return sendTemplateMessage(deps, viewer, view, input.template);
  }
  const text = checkedText(input.text, uploads.length > 0 ? 'with-files' : 'Write a message or attach a file before sending.');
  const window = chatSendability(view);
  let tag: MessageRow['tag'] = null;
  if (input.tag) {
    if (!OPERATOR_TAGS.includes(input.tag) || !capabilitiesOf(view.channel.kind).tags) {
      throw badInput('Message tags can only be used on Messenger chats.', { field: 'tag' });
    }
    if (window.block && window.block !== 'TAG_REQUIRED') throw sendBlocked(window);
    tag = input.tag;
  } else if (!window.canSend) {
    throw sendBlocked(window);
  } else {
    tag = window.autoTag;
  }

  // files are checked after the window: a blocked chat says so before anything is read or stored
  const files = await readOutboundFiles(deps, view.channel.kind, uploads);
  const keys = await storeOutboundFiles(deps, files);
  try {
    return await queueOutbound(deps, viewer, view, { text: text.trim() ? text : null, tag }, files.map((file, i) => ({ ...file, storageKey: keys[i] })));
  } catch (error) {
    await discardStoredFiles(deps, keys);
    throw error;
  }
}

/**
 * The text an operator typed, without trailing spaces, if it may go out: not empty (unless files go
 * with it: `emptyProblem` 'with-files'), and at most the platform-wide 1000 characters.
 */
export function checkedText(typed: string, emptyProblem: string | 'with-files'): string {
  const text = typed.replace(/\s+$/, '');
  if (text.trim().length === 0 && emptyProblem !== 'with-files') throw badInput(emptyProblem, { field: 'text' });
  if (textLength(text) > MAX_TEXT_LENGTH) {
    throw badInput(`A message can be at most ${MAX_TEXT_LENGTH} characters; this one has ${textLength(text)}. Shorten it or send it in parts.`, {
      field: 'text',
      maxLength: MAX_TEXT_LENGTH,
    });
  }
  return text;
}

/** Checks the template against the account's approved ones and queues it, its text filled in. */
async function sendTemplateMessage(deps: Deps, viewer: Viewer | null, view: ChatView, choice: TemplateChoice) {
  if (!capabilitiesOf(view.channel.kind).templates) throw badInput('Templates can only be sent on WhatsApp chats.', { field: 'template' });
  const window = chatSendability(view);
  if (window.block === 'SYNC_LOST') throw sendBlocked(window);
  const [account] = await deps.db.select().from(channels).where(eq(channels.id, view.channel.id));
  const approved = await deps.channels.listTemplates(account).catch(() => {
    throw badInput('The approved templates could not be loaded from WhatsApp. Try again in a moment.', { field: 'template' });
  });
  const template = approved.find((t) => t.name === choice.name && t.language === choice.language);
  if (!template) throw badInput(`There is no approved template "${choice.name}" (${choice.language}) on this number.`, { field: 'template' });
  const params = choice.params ?? [];
  if (params.length !== template.paramCount || params.some((p) => !p.trim())) {
    throw badInput(`The template "${template.name}" needs ${template.paramCount} filled-in value(s).`, { field: 'template' });
  }
  const text = (template.body ?? template.name).replace(/\{\{\s*(\d+)\s*\}\}/g, (all, n: string) => params[Number(n) - 1] ?? all);
  return queueOutbound(deps, viewer, view, { text, tag: null, templateName: template.name, templateLanguage: template.language, templateParams: params });
}

/**
 * Stores a PENDING message and its send job in one transaction; the chat moves to the top.
 * `alongside` runs in that transaction once the message is written (a comment claims its one
 * private reply there), and may refuse by throwing.
 */
export async function queueOutbound(
  deps: Deps,
  viewer: Viewer | null,
  view: ChatView,
  content: Pick<MessageRow, 'text' | 'tag'> & Partial<Pick<MessageRow, 'templateName' | 'templateLanguage' | 'templateParams' | 'replyToCommentId'>>,
  files: Array<OutboundFile & { storageKey: string }> = [],
  alongside?: (tx: Tx, message: MessageRow, events: InboxEventRecord[]) => Promise<void>,
) {
  const now = new Date();
  return inTransaction(deps, async (tx, events) => {
    const [message] = await tx
      .insert(messages)
      .values({
        chatId: view.chat.id,
        channelId: view.chat.channelId,
        direction: 'OUTBOUND',
        status: initialStatus('queued'),
        sentAt: now,
        senderId: viewer?.employeeId ?? null,
        ...content,
      })
      .returning();
    if (alongside) await alongside(tx, message, events);
    if (files.length) {
      await tx.insert(attachments).values(
        files.map((file, position) => ({
          messageId: message.id,
          kind: file.kind,
          storageKey: file.storageKey,
          mimeType: file.mimeType,
          fileName: file.fileName,
          size: file.bytes.byteLength,
          position,
        })),
      );
    }
    await tx
      .update(chats)
      .set({ lastMessageId: message.id, lastMessageAt: now, awaitingReply: false, unread: false, status: 'OPEN', archivedAt: null, archivedById: null })
      .where(eq(chats.id, view.chat.id));
    await enqueueJob(tx, 'send-message', { messageId: message.id });
    await schedulePrune(tx, view.chat.id, deps.config.chatHistoryLimit);
    events.push(await recordEvent(tx, 'MessageAdded', { channelId: view.chat.channelId, chatId: view.chat.id, messageId: message.id }));
    events.push(await recordEvent(tx, 'ChatUpdated', { channelId: view.chat.channelId, chatId: view.chat.id }));
    return message;
  });
}

export function sendBlocked(window: Sendability): DomainError {
  const block = window.block ?? 'NO_ACCESS';
  return new DomainError('SEND_BLOCKED', blockMessages[block], {
    block,
    allowedTags: window.allowedTags,
    externalUrl: window.externalUrl,
  });
}
