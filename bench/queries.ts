/** The inbox's first page as the web app asks for it: the query most benchmarks time. */
export const FIRST_PAGE_QUERY = `query FirstPage {
  chats(first: 50) {
    edges { cursor node { id title unread awaitingReply lastMessageAt
      contact { displayName username avatarUrl }
      lastMessage { id direction status text createdAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The same page further down the inbox: `after` is the cursor the previous page ended with. */
export const PAGE_AFTER_QUERY = FIRST_PAGE_QUERY.replace('query FirstPage {', 'query NextPage($after: String) {').replace('chats(first: 50)', 'chats(first: 50, after: $after)');

/** The inbox's first page narrowed by a search and filters, as the chat list asks for it. */
export const SEARCH_PAGE_QUERY = `query SearchPage($search: String, $unread: Boolean, $awaitingReply: Boolean) {
  chats(first: 50, search: $search, unread: $unread, awaitingReply: $awaitingReply) {
    edges { cursor node { id title unread awaitingReply lastMessageAt
      contact { displayName username avatarUrl }
      lastMessage { id direction status text createdAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
