import { graphql } from '../../graphql-client';

export const DocumentRowFragment = graphql(`
  fragment DocumentRow on Document {
    id
    kind
    number
    title
    status
    createdAt
    client {
      id
      name
      phone
    }
  }
`);

export const DocumentsQuery = graphql(`
  query Documents($kind: DocumentKind, $search: String, $first: Int!, $after: String) {
    documents(kind: $kind, search: $search, first: $first, after: $after) {
      edges {
        node {
          ...DocumentRow
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const DocumentPageQuery = graphql(`
  query DocumentPage($id: ID!) {
    node(id: $id) {
      ... on Document {
        ...DocumentRow
      }
    }
  }
`);

export const CallsQuery = graphql(`
  query Calls($first: Int!, $after: String) {
    calls(first: $first, after: $after) {
      edges {
        node {
          id
          phone
          direction
          startedAt
          durationSeconds
          client {
            id
            name
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
