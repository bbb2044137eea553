/** The inbox's first page as the web app asks for it: the query most benchmarks time. */
export const FIRST_PAGE_QUERY = `query FirstPage {
  chats(first: 50) {
    edges { cursor node { id title unread awaitingReply lastMessageAt
      contact { displayName username avatarUrl }
      lastMessage { id direction status text createdAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The inbox's first page narrowed by a search and filters, as the chat list asks for it. */
export const SEARCH_PAGE_QUERY = `query SearchPage($search: String, $unread: Boolean, $awaitingReply: Boolean) {
  chats(first: 50, search: $search, unread: $unread, awaitingReply: $awaitingReply) {
    edges { cursor node { id title unread awaitingReply lastMessageAt
      contact { displayName username avatarUrl }
      lastMessage { id direction status text createdAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
