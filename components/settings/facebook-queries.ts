import { graphql } from '../../graphql-client';

export const FacebookLoginQuery = graphql(`
  query FacebookLoginPage($id: ID!) {
    facebookLogin(id: $id) {
      id
      expiresAt
      pages {
        id
        name
        canMessage
        messengerConnected
        instagram {
          id
          username
          name
          connected
        }
      }
    }
    roles {
      id
      name
      builtin
      permissions
    }
  }
`);

export const ConnectFacebookAccountsMutation = graphql(`
  mutation ConnectFacebookAccounts($loginId: ID!, $accounts: [FacebookAccountInput!]!, $roleIds: [ID!]) {
    connectFacebookAccounts(loginId: $loginId, accounts: $accounts, roleIds: $roleIds) {
      id
      kind
      name
    }
  }
`);
