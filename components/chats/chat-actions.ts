import type { Client } from 'urql';
import type { MessageTag, TemplateInput } from '../../graphql-client/graphql';
import { doc, userError, type UserError } from '../../lib/ui/gql';
import { ArchiveChatMutation, ReopenChatMutation, ReplyToCommentMutation, RetryMessageMutation, SendMessageMutation } from './fragments';
import type { ChatItem, MessageItem } from './inbox-state';

/** What the inbox and the floating chat window do to a chat: one place, so both follow the same rules. */

export async function sendToChat(
  client: Client,
  chatId: string,
  input: { text: string; tag: MessageTag | null; template?: TemplateInput | null; files?: File[] },
): Promise<{ message: MessageItem } | { error: UserError }> {
  // with files, urql's fetchExchange sends a GraphQL multipart request on its own
  const attachments = input.files?.length ? input.files : null;
  const result = await client.mutation(doc(SendMessageMutation), { chatId, text: input.text, tag: input.tag, template: input.template ?? null, attachments }).toPromise();
  if (result.data?.sendMessage) return { message: result.data.sendMessage };
  return { error: userError(result.error) ?? { code: 'INTERNAL_SERVER_ERROR', message: null } };
}

/** A public or private reply to a comment: the reply (a message of the comment's chat), or why not. */
export async function replyToCommentInChat(
  client: Client,
  input: { commentId: string; text: string; private: boolean },
): Promise<{ chatId: string; message: MessageItem } | { error: UserError }> {
  const result = await client.mutation(doc(ReplyToCommentMutation), input).toPromise();
  const reply = result.data?.replyToComment;
  if (reply) return { chatId: reply.chat.id, message: reply };
  return { error: userError(result.error) ?? { code: 'INTERNAL_SERVER_ERROR', message: null } };
}

/** Resolves to the message, or to an error sentence ('' when there is none to show). */
export async function retryInChat(client: Client, messageId: string): Promise<{ message: MessageItem } | { error: string }> {
  const result = await client.mutation(doc(RetryMessageMutation), { messageId }).toPromise();
  if (result.data?.retryMessage) return { message: result.data.retryMessage };
  return { error: userError(result.error)?.message ?? '' };
}

/** F19: archive (true) or reopen (false); the chat as it is now, or an error sentence ('' for none). */
export async function setChatArchived(client: Client, chatId: string, archived: boolean): Promise<{ chat: ChatItem } | { error: string }> {
  const result = archived ? await client.mutation(doc(ArchiveChatMutation), { chatId }).toPromise() : await client.mutation(doc(ReopenChatMutation), { chatId }).toPromise();
  const chat = result.data && ('archiveChat' in result.data ? result.data.archiveChat : 'reopenChat' in result.data ? result.data.reopenChat : null);
  if (chat) return { chat };
  return { error: userError(result.error)?.message ?? '' };
}
