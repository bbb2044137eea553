import { graphql } from '../../graphql-client';

export const ShellViewerQuery = graphql(`
  query ShellViewer {
    inboxCursor
    viewer {
      id
      name
      email
      role {
        id
        name
        permissions
      }
    }
  }
`);

export const ShellInboxQuery = graphql(`
  query ShellInbox {
    inboxBadge
  }
`);
