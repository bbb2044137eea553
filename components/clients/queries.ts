import { graphql } from '../../graphql-client';

export const ClientSummaryFragment = graphql(`
  fragment ClientSummary on Client {
    id
    name
    phone
    email
  }
`);

export const ClientChatFragment = graphql(`
  fragment ClientChat on Chat {
    id
    title
    status
    unread
    awaitingReply
    lastMessageAt
    channel {
      id
      kind
      name
      state
    }
    contact {
      displayName
      username
      phone
      avatarUrl
    }
    lastMessage {
      id
      direction
      text
    }
  }
`);

export const ClientDocumentFragment = graphql(`
  fragment ClientDocument on Document {
    id
    kind
    number
    title
    status
    createdAt
  }
`);

export const ClientDetailsFragment = graphql(`
  fragment ClientDetails on Client {
    ...ClientSummary
    chats {
      ...ClientChat
    }
    documents {
      ...ClientDocument
    }
  }
`);

export const ClientQuery = graphql(`
  query Client($id: ID!) {
    client(id: $id) {
      ...ClientDetails
    }
  }
`);

export const ClientsQuery = graphql(`
  query Clients($search: String, $first: Int!, $after: String) {
    clients(search: $search, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ClientSummary
          chats {
            id
            channel {
              id
              kind
              name
            }
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const ClientSearchQuery = graphql(`
  query ClientSearch($search: String, $first: Int!) {
    clients(search: $search, first: $first) {
      edges {
        node {
          ...ClientSummary
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export const CreateClientMutation = graphql(`
  mutation CreateClient($name: String!, $phone: String, $email: String) {
    createClient(name: $name, phone: $phone, email: $email) {
      ...ClientSummary
    }
  }
`);

export const LinkClientMutation = graphql(`
  mutation LinkClient($chatId: ID!, $clientId: ID!) {
    linkClient(chatId: $chatId, clientId: $clientId) {
      ...ChatFields
    }
  }
`);

export const CreateDocumentMutation = graphql(`
  mutation CreateDocument($clientId: ID!, $kind: DocumentKind!, $title: String!, $chatId: ID) {
    createDocument(clientId: $clientId, kind: $kind, title: $title, chatId: $chatId) {
      ...ClientDocument
    }
  }
`);

export const StartChatMutation = graphql(`
  mutation StartChat($clientId: ID!, $channelId: ID!, $text: String!, $template: TemplateInput) {
    startChat(clientId: $clientId, channelId: $channelId, text: $text, template: $template) {
      ...ChatFields
    }
  }
`);

export const StartChatChannelsQuery = graphql(`
  query StartChatChannels {
    channels {
      id
      kind
      name
      state
      templates {
        ...MessageTemplateFields
      }
    }
  }
`);
