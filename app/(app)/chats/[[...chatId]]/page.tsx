import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ChatsView } from '../../../../components/chats/chats-view';
import { DEMO_PAGE_ID, LIST_PAGE, THREAD_PAGE } from '../../../../components/chats/constants';
import { threadOf } from '../../../../components/chats/fragments';
import { filterFromParams, filterVariables, statusFromParams, writeListParams } from '../../../../components/chats/list-filter';
import { NoAccess } from '../../../../components/ui/states';
import { graphql } from '../../../../graphql-client';
import { hasPermission, requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('nav');
  return { title: t('chats') };
}

const ChatsPageQuery = graphql(`
  query ChatsPage(
    $status: ChatStatus!
    $first: Int!
    $chatId: ID!
    $withChat: Boolean!
    $last: Int!
    $before: String
    $search: String
    $channelId: ID
    $unread: Boolean
    $awaitingReply: Boolean
  ) {
    chats(status: $status, first: $first, search: $search, channelId: $channelId, unread: $unread, awaitingReply: $awaitingReply) {
      edges {
        node {
          ...ChatFields
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
    channels {
      id
      externalId
      kind
      name
    }
    unreadChats
    chat(id: $chatId) @include(if: $withChat) {
      ...ChatThreadFields
    }
  }
`);

function decodeSegment(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function ChatsPage({ params, searchParams }: { params: Promise<{ chatId?: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ chatId: segments }, query] = await Promise.all([params, searchParams]);
  const chatId = decodeSegment(segments?.[0]);
  const urlParams = { get: (name: string) => (typeof query[name] === 'string' ? query[name] : null) };
  const status = statusFromParams(urlParams);
  const filter = filterFromParams(urlParams);
  const here = `/chats${segments?.[0] ? `/${segments[0]}` : ''}${writeListParams('', status, filter)}`;
  const viewer = await requireViewer(here);
  if (!hasPermission(viewer, 'CHATS')) return <NoAccess area="chats" />;

  const { data } = await serverQuery(ChatsPageQuery, {
    status,
    first: LIST_PAGE,
    chatId: chatId ?? '',
    withChat: chatId !== null,
    last: THREAD_PAGE,
    before: null,
    ...filterVariables(filter),
  });
  const page = data?.chats
    ? { chats: data.chats.edges.map((e) => e.node), endCursor: data.chats.pageInfo.endCursor, hasNext: data.chats.pageInfo.hasNextPage }
    : null;
  const thread = data?.chat ? threadOf(data.chat) : null;
  return (
    <ChatsView
      status={status}
      page={page}
      thread={thread}
      missingChatId={chatId && !thread ? chatId : null}
      demo={getDeps().config.seedDemo && (data?.channels?.some((c) => c.externalId === DEMO_PAGE_ID) ?? false)}
      unreadChats={data?.unreadChats ?? 0}
      filter={filter}
      channels={data?.channels ?? []}
    />
  );
}
