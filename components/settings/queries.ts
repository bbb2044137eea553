import { graphql } from '../../graphql-client';

export const ChannelSettingsFragment = graphql(`
  fragment ChannelSettings on Channel {
    id
    kind
    name
    externalId
    state
    lastWebhookAt
    lastError
    lastErrorAt
    tokenExpiresAt
    roles {
      id
      name
    }
  }
`);

export const ChannelSettingsQuery = graphql(`
  query ChannelSettingsPage {
    channels {
      ...ChannelSettings
    }
    roles {
      id
      name
      builtin
      permissions
    }
  }
`);

export const SetChannelAccessMutation = graphql(`
  mutation SetChannelAccess($channelId: ID!, $roleIds: [ID!]!) {
    setChannelAccess(channelId: $channelId, roleIds: $roleIds) {
      ...ChannelSettings
    }
  }
`);

export const ConnectChannelMutation = graphql(`
  mutation ConnectChannel($kind: ChannelKind!, $externalId: String!, $name: String!, $accessToken: String!, $businessAccountId: String, $roleIds: [ID!]) {
    connectChannel(kind: $kind, externalId: $externalId, name: $name, accessToken: $accessToken, businessAccountId: $businessAccountId, roleIds: $roleIds) {
      ...ChannelSettings
    }
  }
`);

export const RolesQuery = graphql(`
  query RolesPage {
    roles {
      id
      name
      builtin
      permissions
    }
  }
`);
