/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ChatsPage(\n    $status: ChatStatus!\n    $first: Int!\n    $chatId: ID!\n    $withChat: Boolean!\n    $last: Int!\n    $before: String\n    $search: String\n    $channelId: ID\n    $unread: Boolean\n    $awaitingReply: Boolean\n  ) {\n    chats(status: $status, first: $first, search: $search, channelId: $channelId, unread: $unread, awaitingReply: $awaitingReply) {\n      edges {\n        node {\n          ...ChatFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n    channels {\n      id\n      externalId\n      kind\n      name\n    }\n    unreadChats\n    chat(id: $chatId) @include(if: $withChat) {\n      ...ChatThreadFields\n    }\n  }\n": typeof types.ChatsPageDocument,
    "fragment ChatFields on Chat {\n  id\n  title\n  status\n  unread\n  awaitingReply\n  lastMessageAt\n  lastInboundAt\n  archivedAt\n  archivedBy {\n    id\n    name\n  }\n  channel {\n    id\n    kind\n    name\n    externalId\n    state\n  }\n  contact {\n    externalId\n    displayName\n    username\n    phone\n    avatarUrl\n  }\n  client {\n    id\n    name\n    phone\n    email\n  }\n  lastMessage {\n    id\n    direction\n    status\n    text\n    createdAt\n    attachments {\n      id\n      kind\n    }\n  }\n  sendability {\n    canSend\n    block\n    allowedTags\n    windowEndsAt\n    externalUrl\n  }\n  hasComments\n  hasDirectMessages\n}\n\nfragment CommentFields on Comment {\n  id\n  postId\n  postUrl\n  postExcerpt\n  postThumbnailUrl\n  text\n  author\n  createdAt\n  editedAt\n  removedAt\n  parent {\n    id\n    author\n    text\n  }\n  canReplyPublicly\n  publicReplyBlock\n  canReplyPrivately\n  privateReplyBlock\n}\n\nfragment MessageFields on Message {\n  id\n  direction\n  status\n  text\n  createdAt\n  deliveredAt\n  readAt\n  error\n  tag\n  sentOutside\n  sender {\n    id\n    name\n  }\n  attachments {\n    id\n    kind\n    url\n    mimeType\n    fileName\n    size\n    durationSeconds\n  }\n  comment {\n    ...CommentFields\n  }\n  replyTo {\n    id\n    author\n    privateReply {\n      id\n    }\n  }\n  transcription {\n    status\n    text\n    language\n    error\n  }\n}\n\nmutation TranscribeMessage($messageId: ID!) {\n  transcribeMessage(messageId: $messageId) {\n    ...MessageFields\n  }\n}\n\nquery ChatList($status: ChatStatus!, $first: Int!, $after: String, $search: String, $channelId: ID, $unread: Boolean, $awaitingReply: Boolean) {\n  chats(\n    status: $status\n    first: $first\n    after: $after\n    search: $search\n    channelId: $channelId\n    unread: $unread\n    awaitingReply: $awaitingReply\n  ) {\n    edges {\n      cursor\n      node {\n        ...ChatFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment ChatThreadFields on Chat {\n  ...ChatFields\n  messages(last: $last, before: $before) {\n    edges {\n      node {\n        ...MessageFields\n      }\n    }\n    pageInfo {\n      startCursor\n      hasPreviousPage\n    }\n  }\n}\n\nquery ChatThread($id: ID!, $last: Int!, $before: String) {\n  chat(id: $id) {\n    ...ChatThreadFields\n  }\n}\n\nsubscription InboxEvents($after: String) {\n  inboxEvents(after: $after) {\n    __typename\n    ... on MessageAdded {\n      cursor\n      message {\n        ...MessageFields\n        chat {\n          id\n        }\n      }\n    }\n    ... on MessageUpdated {\n      cursor\n      message {\n        ...MessageFields\n        chat {\n          id\n        }\n      }\n    }\n    ... on ChatUpdated {\n      cursor\n      chat {\n        ...ChatFields\n      }\n    }\n  }\n}\n\nquery InboxBadge {\n  inboxBadge\n}\n\nquery UnreadChats {\n  unreadChats\n}\n\nmutation MarkChatRead($chatId: ID!) {\n  markChatRead(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation SendMessage($chatId: ID!, $text: String!, $tag: MessageTag, $template: TemplateInput, $attachments: [File!]) {\n  sendMessage(\n    chatId: $chatId\n    text: $text\n    tag: $tag\n    template: $template\n    attachments: $attachments\n  ) {\n    ...MessageFields\n  }\n}\n\nmutation RetryMessage($messageId: ID!) {\n  retryMessage(messageId: $messageId) {\n    ...MessageFields\n  }\n}\n\nmutation ArchiveChat($chatId: ID!) {\n  archiveChat(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation ReopenChat($chatId: ID!) {\n  reopenChat(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation ReplyToComment($commentId: ID!, $text: String!, $private: Boolean) {\n  replyToComment(commentId: $commentId, text: $text, private: $private) {\n    ...MessageFields\n    chat {\n      id\n    }\n  }\n}": typeof types.ChatFieldsFragmentDoc,
    "fragment MessageTemplateFields on MessageTemplate {\n  name\n  language\n  category\n  body\n}\n\nquery ChatTemplates($id: ID!) {\n  chat(id: $id) {\n    id\n    channel {\n      id\n      templates {\n        ...MessageTemplateFields\n      }\n    }\n  }\n}": typeof types.MessageTemplateFieldsFragmentDoc,
    "\n  fragment ClientSummary on Client {\n    id\n    name\n    phone\n    email\n  }\n": typeof types.ClientSummaryFragmentDoc,
    "\n  fragment ClientChat on Chat {\n    id\n    title\n    status\n    unread\n    awaitingReply\n    lastMessageAt\n    channel {\n      id\n      kind\n      name\n      state\n    }\n    contact {\n      displayName\n      username\n      phone\n      avatarUrl\n    }\n    lastMessage {\n      id\n      direction\n      text\n    }\n  }\n": typeof types.ClientChatFragmentDoc,
    "\n  fragment ClientDocument on Document {\n    id\n    kind\n    number\n    title\n    status\n    createdAt\n  }\n": typeof types.ClientDocumentFragmentDoc,
    "\n  fragment ClientDetails on Client {\n    ...ClientSummary\n    chats {\n      ...ClientChat\n    }\n    documents {\n      ...ClientDocument\n    }\n  }\n": typeof types.ClientDetailsFragmentDoc,
    "\n  query Client($id: ID!) {\n    client(id: $id) {\n      ...ClientDetails\n    }\n  }\n": typeof types.ClientDocument,
    "\n  query Clients($search: String, $first: Int!, $after: String) {\n    clients(search: $search, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ClientSummary\n          chats {\n            id\n            channel {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ClientsDocument,
    "\n  query ClientSearch($search: String, $first: Int!) {\n    clients(search: $search, first: $first) {\n      edges {\n        node {\n          ...ClientSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ClientSearchDocument,
    "\n  mutation CreateClient($name: String!, $phone: String, $email: String) {\n    createClient(name: $name, phone: $phone, email: $email) {\n      ...ClientSummary\n    }\n  }\n": typeof types.CreateClientDocument,
    "\n  mutation LinkClient($chatId: ID!, $clientId: ID!) {\n    linkClient(chatId: $chatId, clientId: $clientId) {\n      ...ChatFields\n    }\n  }\n": typeof types.LinkClientDocument,
    "\n  mutation CreateDocument($clientId: ID!, $kind: DocumentKind!, $title: String!, $chatId: ID) {\n    createDocument(clientId: $clientId, kind: $kind, title: $title, chatId: $chatId) {\n      ...ClientDocument\n    }\n  }\n": typeof types.CreateDocumentDocument,
    "\n  mutation StartChat($clientId: ID!, $channelId: ID!, $text: String!, $template: TemplateInput) {\n    startChat(clientId: $clientId, channelId: $channelId, text: $text, template: $template) {\n      ...ChatFields\n    }\n  }\n": typeof types.StartChatDocument,
    "\n  query StartChatChannels {\n    channels {\n      id\n      kind\n      name\n      state\n      templates {\n        ...MessageTemplateFields\n      }\n    }\n  }\n": typeof types.StartChatChannelsDocument,
    "\n  fragment DocumentRow on Document {\n    id\n    kind\n    number\n    title\n    status\n    createdAt\n    client {\n      id\n      name\n      phone\n    }\n  }\n": typeof types.DocumentRowFragmentDoc,
    "\n  query Documents($kind: DocumentKind, $search: String, $first: Int!, $after: String) {\n    documents(kind: $kind, search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          ...DocumentRow\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.DocumentsDocument,
    "\n  query DocumentPage($id: ID!) {\n    node(id: $id) {\n      ... on Document {\n        ...DocumentRow\n      }\n    }\n  }\n": typeof types.DocumentPageDocument,
    "\n  query Calls($first: Int!, $after: String) {\n    calls(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          phone\n          direction\n          startedAt\n          durationSeconds\n          client {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.CallsDocument,
    "\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    current\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  fragment EmployeeSettings on Employee {\n    id\n    name\n    email\n    active\n    role {\n      id\n      name\n    }\n    sessions {\n      ...SessionFields\n    }\n  }\n": typeof types.EmployeeSettingsFragmentDoc,
    "\n  query EmployeesPage {\n    viewer {\n      id\n    }\n    employees {\n      ...EmployeeSettings\n    }\n    roles {\n      id\n      name\n    }\n  }\n": typeof types.EmployeesPageDocument,
    "\n  mutation CreateEmployee($name: String!, $email: String!, $roleId: ID!, $password: String!) {\n    createEmployee(name: $name, email: $email, roleId: $roleId, password: $password) {\n      ...EmployeeSettings\n    }\n  }\n": typeof types.CreateEmployeeDocument,
    "\n  mutation UpdateEmployee($employeeId: ID!, $roleId: ID, $active: Boolean) {\n    updateEmployee(employeeId: $employeeId, roleId: $roleId, active: $active) {\n      ...EmployeeSettings\n    }\n  }\n": typeof types.UpdateEmployeeDocument,
    "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  query OwnSessionsPage {\n    viewer {\n      id\n      sessions {\n        ...SessionFields\n      }\n    }\n  }\n": typeof types.OwnSessionsPageDocument,
    "\n  fragment ApiKeySettings on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    role {\n      id\n      name\n    }\n  }\n": typeof types.ApiKeySettingsFragmentDoc,
    "\n  query ApiKeysPage {\n    apiKeys {\n      ...ApiKeySettings\n    }\n    roles {\n      id\n      name\n    }\n  }\n": typeof types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey($name: String!, $roleId: ID!) {\n    createApiKey(name: $name, roleId: $roleId)\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query FacebookLoginPage($id: ID!) {\n    facebookLogin(id: $id) {\n      id\n      expiresAt\n      pages {\n        id\n        name\n        canMessage\n        messengerConnected\n        instagram {\n          id\n          username\n          name\n          connected\n        }\n      }\n    }\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n": typeof types.FacebookLoginPageDocument,
    "\n  mutation ConnectFacebookAccounts($loginId: ID!, $accounts: [FacebookAccountInput!]!, $roleIds: [ID!]) {\n    connectFacebookAccounts(loginId: $loginId, accounts: $accounts, roleIds: $roleIds) {\n      id\n      kind\n      name\n    }\n  }\n": typeof types.ConnectFacebookAccountsDocument,
    "\n  fragment ChannelSettings on Channel {\n    id\n    kind\n    name\n    externalId\n    state\n    receiveComments\n    lastWebhookAt\n    lastError\n    lastErrorAt\n    tokenExpiresAt\n    roles {\n      id\n      name\n    }\n  }\n": typeof types.ChannelSettingsFragmentDoc,
    "\n  query ChannelSettingsPage {\n    channels {\n      ...ChannelSettings\n    }\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n": typeof types.ChannelSettingsPageDocument,
    "\n  mutation SetChannelAccess($channelId: ID!, $roleIds: [ID!]!) {\n    setChannelAccess(channelId: $channelId, roleIds: $roleIds) {\n      ...ChannelSettings\n    }\n  }\n": typeof types.SetChannelAccessDocument,
    "\n  mutation ConnectChannel($kind: ChannelKind!, $externalId: String!, $name: String!, $accessToken: String!, $businessAccountId: String, $roleIds: [ID!]) {\n    connectChannel(kind: $kind, externalId: $externalId, name: $name, accessToken: $accessToken, businessAccountId: $businessAccountId, roleIds: $roleIds) {\n      ...ChannelSettings\n    }\n  }\n": typeof types.ConnectChannelDocument,
    "\n  query RolesPage {\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n": typeof types.RolesPageDocument,
    "\n  mutation SetChannelReceiveComments($channelId: ID!, $enabled: Boolean!) {\n    setChannelReceiveComments(channelId: $channelId, enabled: $enabled) {\n      ...ChannelSettings\n    }\n  }\n": typeof types.SetChannelReceiveCommentsDocument,
    "\n  fragment RoleSettings on Role {\n    id\n    name\n    builtin\n    permissions\n  }\n": typeof types.RoleSettingsFragmentDoc,
    "\n  mutation CreateRole($name: String!, $permissions: [String!]!) {\n    createRole(name: $name, permissions: $permissions) {\n      ...RoleSettings\n    }\n  }\n": typeof types.CreateRoleDocument,
    "\n  mutation UpdateRole($roleId: ID!, $name: String, $permissions: [String!]) {\n    updateRole(roleId: $roleId, name: $name, permissions: $permissions) {\n      ...RoleSettings\n    }\n  }\n": typeof types.UpdateRoleDocument,
    "\n  mutation DeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n": typeof types.DeleteRoleDocument,
    "\n  mutation ReconnectChannel($channelId: ID!, $accessToken: String) {\n    reconnectChannel(channelId: $channelId, accessToken: $accessToken) {\n      ...ChannelSettings\n    }\n  }\n": typeof types.ReconnectChannelDocument,
    "\n  query ShellViewer {\n    inboxCursor\n    viewer {\n      id\n      name\n      email\n      role {\n        id\n        name\n        permissions\n      }\n    }\n  }\n": typeof types.ShellViewerDocument,
    "\n  query ShellInbox {\n    inboxBadge\n  }\n": typeof types.ShellInboxDocument,
};
const documents: Documents = {
    "\n  query ChatsPage(\n    $status: ChatStatus!\n    $first: Int!\n    $chatId: ID!\n    $withChat: Boolean!\n    $last: Int!\n    $before: String\n    $search: String\n    $channelId: ID\n    $unread: Boolean\n    $awaitingReply: Boolean\n  ) {\n    chats(status: $status, first: $first, search: $search, channelId: $channelId, unread: $unread, awaitingReply: $awaitingReply) {\n      edges {\n        node {\n          ...ChatFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n    channels {\n      id\n      externalId\n      kind\n      name\n    }\n    unreadChats\n    chat(id: $chatId) @include(if: $withChat) {\n      ...ChatThreadFields\n    }\n  }\n": types.ChatsPageDocument,
    "fragment ChatFields on Chat {\n  id\n  title\n  status\n  unread\n  awaitingReply\n  lastMessageAt\n  lastInboundAt\n  archivedAt\n  archivedBy {\n    id\n    name\n  }\n  channel {\n    id\n    kind\n    name\n    externalId\n    state\n  }\n  contact {\n    externalId\n    displayName\n    username\n    phone\n    avatarUrl\n  }\n  client {\n    id\n    name\n    phone\n    email\n  }\n  lastMessage {\n    id\n    direction\n    status\n    text\n    createdAt\n    attachments {\n      id\n      kind\n    }\n  }\n  sendability {\n    canSend\n    block\n    allowedTags\n    windowEndsAt\n    externalUrl\n  }\n  hasComments\n  hasDirectMessages\n}\n\nfragment CommentFields on Comment {\n  id\n  postId\n  postUrl\n  postExcerpt\n  postThumbnailUrl\n  text\n  author\n  createdAt\n  editedAt\n  removedAt\n  parent {\n    id\n    author\n    text\n  }\n  canReplyPublicly\n  publicReplyBlock\n  canReplyPrivately\n  privateReplyBlock\n}\n\nfragment MessageFields on Message {\n  id\n  direction\n  status\n  text\n  createdAt\n  deliveredAt\n  readAt\n  error\n  tag\n  sentOutside\n  sender {\n    id\n    name\n  }\n  attachments {\n    id\n    kind\n    url\n    mimeType\n    fileName\n    size\n    durationSeconds\n  }\n  comment {\n    ...CommentFields\n  }\n  replyTo {\n    id\n    author\n    privateReply {\n      id\n    }\n  }\n  transcription {\n    status\n    text\n    language\n    error\n  }\n}\n\nmutation TranscribeMessage($messageId: ID!) {\n  transcribeMessage(messageId: $messageId) {\n    ...MessageFields\n  }\n}\n\nquery ChatList($status: ChatStatus!, $first: Int!, $after: String, $search: String, $channelId: ID, $unread: Boolean, $awaitingReply: Boolean) {\n  chats(\n    status: $status\n    first: $first\n    after: $after\n    search: $search\n    channelId: $channelId\n    unread: $unread\n    awaitingReply: $awaitingReply\n  ) {\n    edges {\n      cursor\n      node {\n        ...ChatFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment ChatThreadFields on Chat {\n  ...ChatFields\n  messages(last: $last, before: $before) {\n    edges {\n      node {\n        ...MessageFields\n      }\n    }\n    pageInfo {\n      startCursor\n      hasPreviousPage\n    }\n  }\n}\n\nquery ChatThread($id: ID!, $last: Int!, $before: String) {\n  chat(id: $id) {\n    ...ChatThreadFields\n  }\n}\n\nsubscription InboxEvents($after: String) {\n  inboxEvents(after: $after) {\n    __typename\n    ... on MessageAdded {\n      cursor\n      message {\n        ...MessageFields\n        chat {\n          id\n        }\n      }\n    }\n    ... on MessageUpdated {\n      cursor\n      message {\n        ...MessageFields\n        chat {\n          id\n        }\n      }\n    }\n    ... on ChatUpdated {\n      cursor\n      chat {\n        ...ChatFields\n      }\n    }\n  }\n}\n\nquery InboxBadge {\n  inboxBadge\n}\n\nquery UnreadChats {\n  unreadChats\n}\n\nmutation MarkChatRead($chatId: ID!) {\n  markChatRead(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation SendMessage($chatId: ID!, $text: String!, $tag: MessageTag, $template: TemplateInput, $attachments: [File!]) {\n  sendMessage(\n    chatId: $chatId\n    text: $text\n    tag: $tag\n    template: $template\n    attachments: $attachments\n  ) {\n    ...MessageFields\n  }\n}\n\nmutation RetryMessage($messageId: ID!) {\n  retryMessage(messageId: $messageId) {\n    ...MessageFields\n  }\n}\n\nmutation ArchiveChat($chatId: ID!) {\n  archiveChat(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation ReopenChat($chatId: ID!) {\n  reopenChat(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation ReplyToComment($commentId: ID!, $text: String!, $private: Boolean) {\n  replyToComment(commentId: $commentId, text: $text, private: $private) {\n    ...MessageFields\n    chat {\n      id\n    }\n  }\n}": types.ChatFieldsFragmentDoc,
    "fragment MessageTemplateFields on MessageTemplate {\n  name\n  language\n  category\n  body\n}\n\nquery ChatTemplates($id: ID!) {\n  chat(id: $id) {\n    id\n    channel {\n      id\n      templates {\n        ...MessageTemplateFields\n      }\n    }\n  }\n}": types.MessageTemplateFieldsFragmentDoc,
    "\n  fragment ClientSummary on Client {\n    id\n    name\n    phone\n    email\n  }\n": types.ClientSummaryFragmentDoc,
    "\n  fragment ClientChat on Chat {\n    id\n    title\n    status\n    unread\n    awaitingReply\n    lastMessageAt\n    channel {\n      id\n      kind\n      name\n      state\n    }\n    contact {\n      displayName\n      username\n      phone\n      avatarUrl\n    }\n    lastMessage {\n      id\n      direction\n      text\n    }\n  }\n": types.ClientChatFragmentDoc,
    "\n  fragment ClientDocument on Document {\n    id\n    kind\n    number\n    title\n    status\n    createdAt\n  }\n": types.ClientDocumentFragmentDoc,
    "\n  fragment ClientDetails on Client {\n    ...ClientSummary\n    chats {\n      ...ClientChat\n    }\n    documents {\n      ...ClientDocument\n    }\n  }\n": types.ClientDetailsFragmentDoc,
    "\n  query Client($id: ID!) {\n    client(id: $id) {\n      ...ClientDetails\n    }\n  }\n": types.ClientDocument,
    "\n  query Clients($search: String, $first: Int!, $after: String) {\n    clients(search: $search, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ClientSummary\n          chats {\n            id\n            channel {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ClientsDocument,
    "\n  query ClientSearch($search: String, $first: Int!) {\n    clients(search: $search, first: $first) {\n      edges {\n        node {\n          ...ClientSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.ClientSearchDocument,
    "\n  mutation CreateClient($name: String!, $phone: String, $email: String) {\n    createClient(name: $name, phone: $phone, email: $email) {\n      ...ClientSummary\n    }\n  }\n": types.CreateClientDocument,
    "\n  mutation LinkClient($chatId: ID!, $clientId: ID!) {\n    linkClient(chatId: $chatId, clientId: $clientId) {\n      ...ChatFields\n    }\n  }\n": types.LinkClientDocument,
    "\n  mutation CreateDocument($clientId: ID!, $kind: DocumentKind!, $title: String!, $chatId: ID) {\n    createDocument(clientId: $clientId, kind: $kind, title: $title, chatId: $chatId) {\n      ...ClientDocument\n    }\n  }\n": types.CreateDocumentDocument,
    "\n  mutation StartChat($clientId: ID!, $channelId: ID!, $text: String!, $template: TemplateInput) {\n    startChat(clientId: $clientId, channelId: $channelId, text: $text, template: $template) {\n      ...ChatFields\n    }\n  }\n": types.StartChatDocument,
    "\n  query StartChatChannels {\n    channels {\n      id\n      kind\n      name\n      state\n      templates {\n        ...MessageTemplateFields\n      }\n    }\n  }\n": types.StartChatChannelsDocument,
    "\n  fragment DocumentRow on Document {\n    id\n    kind\n    number\n    title\n    status\n    createdAt\n    client {\n      id\n      name\n      phone\n    }\n  }\n": types.DocumentRowFragmentDoc,
    "\n  query Documents($kind: DocumentKind, $search: String, $first: Int!, $after: String) {\n    documents(kind: $kind, search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          ...DocumentRow\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.DocumentsDocument,
    "\n  query DocumentPage($id: ID!) {\n    node(id: $id) {\n      ... on Document {\n        ...DocumentRow\n      }\n    }\n  }\n": types.DocumentPageDocument,
    "\n  query Calls($first: Int!, $after: String) {\n    calls(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          phone\n          direction\n          startedAt\n          durationSeconds\n          client {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.CallsDocument,
    "\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    current\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  fragment EmployeeSettings on Employee {\n    id\n    name\n    email\n    active\n    role {\n      id\n      name\n    }\n    sessions {\n      ...SessionFields\n    }\n  }\n": types.EmployeeSettingsFragmentDoc,
    "\n  query EmployeesPage {\n    viewer {\n      id\n    }\n    employees {\n      ...EmployeeSettings\n    }\n    roles {\n      id\n      name\n    }\n  }\n": types.EmployeesPageDocument,
    "\n  mutation CreateEmployee($name: String!, $email: String!, $roleId: ID!, $password: String!) {\n    createEmployee(name: $name, email: $email, roleId: $roleId, password: $password) {\n      ...EmployeeSettings\n    }\n  }\n": types.CreateEmployeeDocument,
    "\n  mutation UpdateEmployee($employeeId: ID!, $roleId: ID, $active: Boolean) {\n    updateEmployee(employeeId: $employeeId, roleId: $roleId, active: $active) {\n      ...EmployeeSettings\n    }\n  }\n": types.UpdateEmployeeDocument,
    "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId)\n  }\n": types.RevokeSessionDocument,
    "\n  query OwnSessionsPage {\n    viewer {\n      id\n      sessions {\n        ...SessionFields\n      }\n    }\n  }\n": types.OwnSessionsPageDocument,
    "\n  fragment ApiKeySettings on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    role {\n      id\n      name\n    }\n  }\n": types.ApiKeySettingsFragmentDoc,
    "\n  query ApiKeysPage {\n    apiKeys {\n      ...ApiKeySettings\n    }\n    roles {\n      id\n      name\n    }\n  }\n": types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey($name: String!, $roleId: ID!) {\n    createApiKey(name: $name, roleId: $roleId)\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  query FacebookLoginPage($id: ID!) {\n    facebookLogin(id: $id) {\n      id\n      expiresAt\n      pages {\n        id\n        name\n        canMessage\n        messengerConnected\n        instagram {\n          id\n          username\n          name\n          connected\n        }\n      }\n    }\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n": types.FacebookLoginPageDocument,
    "\n  mutation ConnectFacebookAccounts($loginId: ID!, $accounts: [FacebookAccountInput!]!, $roleIds: [ID!]) {\n    connectFacebookAccounts(loginId: $loginId, accounts: $accounts, roleIds: $roleIds) {\n      id\n      kind\n      name\n    }\n  }\n": types.ConnectFacebookAccountsDocument,
    "\n  fragment ChannelSettings on Channel {\n    id\n    kind\n    name\n    externalId\n    state\n    receiveComments\n    lastWebhookAt\n    lastError\n    lastErrorAt\n    tokenExpiresAt\n    roles {\n      id\n      name\n    }\n  }\n": types.ChannelSettingsFragmentDoc,
    "\n  query ChannelSettingsPage {\n    channels {\n      ...ChannelSettings\n    }\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n": types.ChannelSettingsPageDocument,
    "\n  mutation SetChannelAccess($channelId: ID!, $roleIds: [ID!]!) {\n    setChannelAccess(channelId: $channelId, roleIds: $roleIds) {\n      ...ChannelSettings\n    }\n  }\n": types.SetChannelAccessDocument,
    "\n  mutation ConnectChannel($kind: ChannelKind!, $externalId: String!, $name: String!, $accessToken: String!, $businessAccountId: String, $roleIds: [ID!]) {\n    connectChannel(kind: $kind, externalId: $externalId, name: $name, accessToken: $accessToken, businessAccountId: $businessAccountId, roleIds: $roleIds) {\n      ...ChannelSettings\n    }\n  }\n": types.ConnectChannelDocument,
    "\n  query RolesPage {\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n": types.RolesPageDocument,
    "\n  mutation SetChannelReceiveComments($channelId: ID!, $enabled: Boolean!) {\n    setChannelReceiveComments(channelId: $channelId, enabled: $enabled) {\n      ...ChannelSettings\n    }\n  }\n": types.SetChannelReceiveCommentsDocument,
    "\n  fragment RoleSettings on Role {\n    id\n    name\n    builtin\n    permissions\n  }\n": types.RoleSettingsFragmentDoc,
    "\n  mutation CreateRole($name: String!, $permissions: [String!]!) {\n    createRole(name: $name, permissions: $permissions) {\n      ...RoleSettings\n    }\n  }\n": types.CreateRoleDocument,
    "\n  mutation UpdateRole($roleId: ID!, $name: String, $permissions: [String!]) {\n    updateRole(roleId: $roleId, name: $name, permissions: $permissions) {\n      ...RoleSettings\n    }\n  }\n": types.UpdateRoleDocument,
    "\n  mutation DeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n": types.DeleteRoleDocument,
    "\n  mutation ReconnectChannel($channelId: ID!, $accessToken: String) {\n    reconnectChannel(channelId: $channelId, accessToken: $accessToken) {\n      ...ChannelSettings\n    }\n  }\n": types.ReconnectChannelDocument,
    "\n  query ShellViewer {\n    inboxCursor\n    viewer {\n      id\n      name\n      email\n      role {\n        id\n        name\n        permissions\n      }\n    }\n  }\n": types.ShellViewerDocument,
    "\n  query ShellInbox {\n    inboxBadge\n  }\n": types.ShellInboxDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatsPage(\n    $status: ChatStatus!\n    $first: Int!\n    $chatId: ID!\n    $withChat: Boolean!\n    $last: Int!\n    $before: String\n    $search: String\n    $channelId: ID\n    $unread: Boolean\n    $awaitingReply: Boolean\n  ) {\n    chats(status: $status, first: $first, search: $search, channelId: $channelId, unread: $unread, awaitingReply: $awaitingReply) {\n      edges {\n        node {\n          ...ChatFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n    channels {\n      id\n      externalId\n      kind\n      name\n    }\n    unreadChats\n    chat(id: $chatId) @include(if: $withChat) {\n      ...ChatThreadFields\n    }\n  }\n"): typeof import('./graphql').ChatsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ChatFields on Chat {\n  id\n  title\n  status\n  unread\n  awaitingReply\n  lastMessageAt\n  lastInboundAt\n  archivedAt\n  archivedBy {\n    id\n    name\n  }\n  channel {\n    id\n    kind\n    name\n    externalId\n    state\n  }\n  contact {\n    externalId\n    displayName\n    username\n    phone\n    avatarUrl\n  }\n  client {\n    id\n    name\n    phone\n    email\n  }\n  lastMessage {\n    id\n    direction\n    status\n    text\n    createdAt\n    attachments {\n      id\n      kind\n    }\n  }\n  sendability {\n    canSend\n    block\n    allowedTags\n    windowEndsAt\n    externalUrl\n  }\n  hasComments\n  hasDirectMessages\n}\n\nfragment CommentFields on Comment {\n  id\n  postId\n  postUrl\n  postExcerpt\n  postThumbnailUrl\n  text\n  author\n  createdAt\n  editedAt\n  removedAt\n  parent {\n    id\n    author\n    text\n  }\n  canReplyPublicly\n  publicReplyBlock\n  canReplyPrivately\n  privateReplyBlock\n}\n\nfragment MessageFields on Message {\n  id\n  direction\n  status\n  text\n  createdAt\n  deliveredAt\n  readAt\n  error\n  tag\n  sentOutside\n  sender {\n    id\n    name\n  }\n  attachments {\n    id\n    kind\n    url\n    mimeType\n    fileName\n    size\n    durationSeconds\n  }\n  comment {\n    ...CommentFields\n  }\n  replyTo {\n    id\n    author\n    privateReply {\n      id\n    }\n  }\n  transcription {\n    status\n    text\n    language\n    error\n  }\n}\n\nmutation TranscribeMessage($messageId: ID!) {\n  transcribeMessage(messageId: $messageId) {\n    ...MessageFields\n  }\n}\n\nquery ChatList($status: ChatStatus!, $first: Int!, $after: String, $search: String, $channelId: ID, $unread: Boolean, $awaitingReply: Boolean) {\n  chats(\n    status: $status\n    first: $first\n    after: $after\n    search: $search\n    channelId: $channelId\n    unread: $unread\n    awaitingReply: $awaitingReply\n  ) {\n    edges {\n      cursor\n      node {\n        ...ChatFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment ChatThreadFields on Chat {\n  ...ChatFields\n  messages(last: $last, before: $before) {\n    edges {\n      node {\n        ...MessageFields\n      }\n    }\n    pageInfo {\n      startCursor\n      hasPreviousPage\n    }\n  }\n}\n\nquery ChatThread($id: ID!, $last: Int!, $before: String) {\n  chat(id: $id) {\n    ...ChatThreadFields\n  }\n}\n\nsubscription InboxEvents($after: String) {\n  inboxEvents(after: $after) {\n    __typename\n    ... on MessageAdded {\n      cursor\n      message {\n        ...MessageFields\n        chat {\n          id\n        }\n      }\n    }\n    ... on MessageUpdated {\n      cursor\n      message {\n        ...MessageFields\n        chat {\n          id\n        }\n      }\n    }\n    ... on ChatUpdated {\n      cursor\n      chat {\n        ...ChatFields\n      }\n    }\n  }\n}\n\nquery InboxBadge {\n  inboxBadge\n}\n\nquery UnreadChats {\n  unreadChats\n}\n\nmutation MarkChatRead($chatId: ID!) {\n  markChatRead(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation SendMessage($chatId: ID!, $text: String!, $tag: MessageTag, $template: TemplateInput, $attachments: [File!]) {\n  sendMessage(\n    chatId: $chatId\n    text: $text\n    tag: $tag\n    template: $template\n    attachments: $attachments\n  ) {\n    ...MessageFields\n  }\n}\n\nmutation RetryMessage($messageId: ID!) {\n  retryMessage(messageId: $messageId) {\n    ...MessageFields\n  }\n}\n\nmutation ArchiveChat($chatId: ID!) {\n  archiveChat(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation ReopenChat($chatId: ID!) {\n  reopenChat(chatId: $chatId) {\n    ...ChatFields\n  }\n}\n\nmutation ReplyToComment($commentId: ID!, $text: String!, $private: Boolean) {\n  replyToComment(commentId: $commentId, text: $text, private: $private) {\n    ...MessageFields\n    chat {\n      id\n    }\n  }\n}"): typeof import('./graphql').ChatFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MessageTemplateFields on MessageTemplate {\n  name\n  language\n  category\n  body\n}\n\nquery ChatTemplates($id: ID!) {\n  chat(id: $id) {\n    id\n    channel {\n      id\n      templates {\n        ...MessageTemplateFields\n      }\n    }\n  }\n}"): typeof import('./graphql').MessageTemplateFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClientSummary on Client {\n    id\n    name\n    phone\n    email\n  }\n"): typeof import('./graphql').ClientSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClientChat on Chat {\n    id\n    title\n    status\n    unread\n    awaitingReply\n    lastMessageAt\n    channel {\n      id\n      kind\n      name\n      state\n    }\n    contact {\n      displayName\n      username\n      phone\n      avatarUrl\n    }\n    lastMessage {\n      id\n      direction\n      text\n    }\n  }\n"): typeof import('./graphql').ClientChatFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClientDocument on Document {\n    id\n    kind\n    number\n    title\n    status\n    createdAt\n  }\n"): typeof import('./graphql').ClientDocumentFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClientDetails on Client {\n    ...ClientSummary\n    chats {\n      ...ClientChat\n    }\n    documents {\n      ...ClientDocument\n    }\n  }\n"): typeof import('./graphql').ClientDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Client($id: ID!) {\n    client(id: $id) {\n      ...ClientDetails\n    }\n  }\n"): typeof import('./graphql').ClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Clients($search: String, $first: Int!, $after: String) {\n    clients(search: $search, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ClientSummary\n          chats {\n            id\n            channel {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ClientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientSearch($search: String, $first: Int!) {\n    clients(search: $search, first: $first) {\n      edges {\n        node {\n          ...ClientSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ClientSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClient($name: String!, $phone: String, $email: String) {\n    createClient(name: $name, phone: $phone, email: $email) {\n      ...ClientSummary\n    }\n  }\n"): typeof import('./graphql').CreateClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkClient($chatId: ID!, $clientId: ID!) {\n    linkClient(chatId: $chatId, clientId: $clientId) {\n      ...ChatFields\n    }\n  }\n"): typeof import('./graphql').LinkClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDocument($clientId: ID!, $kind: DocumentKind!, $title: String!, $chatId: ID) {\n    createDocument(clientId: $clientId, kind: $kind, title: $title, chatId: $chatId) {\n      ...ClientDocument\n    }\n  }\n"): typeof import('./graphql').CreateDocumentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartChat($clientId: ID!, $channelId: ID!, $text: String!, $template: TemplateInput) {\n    startChat(clientId: $clientId, channelId: $channelId, text: $text, template: $template) {\n      ...ChatFields\n    }\n  }\n"): typeof import('./graphql').StartChatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StartChatChannels {\n    channels {\n      id\n      kind\n      name\n      state\n      templates {\n        ...MessageTemplateFields\n      }\n    }\n  }\n"): typeof import('./graphql').StartChatChannelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DocumentRow on Document {\n    id\n    kind\n    number\n    title\n    status\n    createdAt\n    client {\n      id\n      name\n      phone\n    }\n  }\n"): typeof import('./graphql').DocumentRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Documents($kind: DocumentKind, $search: String, $first: Int!, $after: String) {\n    documents(kind: $kind, search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          ...DocumentRow\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').DocumentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentPage($id: ID!) {\n    node(id: $id) {\n      ... on Document {\n        ...DocumentRow\n      }\n    }\n  }\n"): typeof import('./graphql').DocumentPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Calls($first: Int!, $after: String) {\n    calls(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          phone\n          direction\n          startedAt\n          durationSeconds\n          client {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').CallsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    current\n  }\n"): typeof import('./graphql').SessionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EmployeeSettings on Employee {\n    id\n    name\n    email\n    active\n    role {\n      id\n      name\n    }\n    sessions {\n      ...SessionFields\n    }\n  }\n"): typeof import('./graphql').EmployeeSettingsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EmployeesPage {\n    viewer {\n      id\n    }\n    employees {\n      ...EmployeeSettings\n    }\n    roles {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').EmployeesPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEmployee($name: String!, $email: String!, $roleId: ID!, $password: String!) {\n    createEmployee(name: $name, email: $email, roleId: $roleId, password: $password) {\n      ...EmployeeSettings\n    }\n  }\n"): typeof import('./graphql').CreateEmployeeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEmployee($employeeId: ID!, $roleId: ID, $active: Boolean) {\n    updateEmployee(employeeId: $employeeId, roleId: $roleId, active: $active) {\n      ...EmployeeSettings\n    }\n  }\n"): typeof import('./graphql').UpdateEmployeeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($sessionId: ID!) {\n    revokeSession(sessionId: $sessionId)\n  }\n"): typeof import('./graphql').RevokeSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnSessionsPage {\n    viewer {\n      id\n      sessions {\n        ...SessionFields\n      }\n    }\n  }\n"): typeof import('./graphql').OwnSessionsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeySettings on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n    role {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApiKeySettingsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeysPage {\n    apiKeys {\n      ...ApiKeySettings\n    }\n    roles {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApiKeysPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!, $roleId: ID!) {\n    createApiKey(name: $name, roleId: $roleId)\n  }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): typeof import('./graphql').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FacebookLoginPage($id: ID!) {\n    facebookLogin(id: $id) {\n      id\n      expiresAt\n      pages {\n        id\n        name\n        canMessage\n        messengerConnected\n        instagram {\n          id\n          username\n          name\n          connected\n        }\n      }\n    }\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n"): typeof import('./graphql').FacebookLoginPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectFacebookAccounts($loginId: ID!, $accounts: [FacebookAccountInput!]!, $roleIds: [ID!]) {\n    connectFacebookAccounts(loginId: $loginId, accounts: $accounts, roleIds: $roleIds) {\n      id\n      kind\n      name\n    }\n  }\n"): typeof import('./graphql').ConnectFacebookAccountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChannelSettings on Channel {\n    id\n    kind\n    name\n    externalId\n    state\n    receiveComments\n    lastWebhookAt\n    lastError\n    lastErrorAt\n    tokenExpiresAt\n    roles {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ChannelSettingsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelSettingsPage {\n    channels {\n      ...ChannelSettings\n    }\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n"): typeof import('./graphql').ChannelSettingsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetChannelAccess($channelId: ID!, $roleIds: [ID!]!) {\n    setChannelAccess(channelId: $channelId, roleIds: $roleIds) {\n      ...ChannelSettings\n    }\n  }\n"): typeof import('./graphql').SetChannelAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectChannel($kind: ChannelKind!, $externalId: String!, $name: String!, $accessToken: String!, $businessAccountId: String, $roleIds: [ID!]) {\n    connectChannel(kind: $kind, externalId: $externalId, name: $name, accessToken: $accessToken, businessAccountId: $businessAccountId, roleIds: $roleIds) {\n      ...ChannelSettings\n    }\n  }\n"): typeof import('./graphql').ConnectChannelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RolesPage {\n    roles {\n      id\n      name\n      builtin\n      permissions\n    }\n  }\n"): typeof import('./graphql').RolesPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetChannelReceiveComments($channelId: ID!, $enabled: Boolean!) {\n    setChannelReceiveComments(channelId: $channelId, enabled: $enabled) {\n      ...ChannelSettings\n    }\n  }\n"): typeof import('./graphql').SetChannelReceiveCommentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoleSettings on Role {\n    id\n    name\n    builtin\n    permissions\n  }\n"): typeof import('./graphql').RoleSettingsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRole($name: String!, $permissions: [String!]!) {\n    createRole(name: $name, permissions: $permissions) {\n      ...RoleSettings\n    }\n  }\n"): typeof import('./graphql').CreateRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRole($roleId: ID!, $name: String, $permissions: [String!]) {\n    updateRole(roleId: $roleId, name: $name, permissions: $permissions) {\n      ...RoleSettings\n    }\n  }\n"): typeof import('./graphql').UpdateRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRole($roleId: ID!) {\n    deleteRole(roleId: $roleId)\n  }\n"): typeof import('./graphql').DeleteRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReconnectChannel($channelId: ID!, $accessToken: String) {\n    reconnectChannel(channelId: $channelId, accessToken: $accessToken) {\n      ...ChannelSettings\n    }\n  }\n"): typeof import('./graphql').ReconnectChannelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellViewer {\n    inboxCursor\n    viewer {\n      id\n      name\n      email\n      role {\n        id\n        name\n        permissions\n      }\n    }\n  }\n"): typeof import('./graphql').ShellViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellInbox {\n    inboxBadge\n  }\n"): typeof import('./graphql').ShellInboxDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
