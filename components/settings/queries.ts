import { graphql } from '../../graphql-client';

export const ChannelSettingsFragment = graphql(`
  fragment ChannelSettings on Channel {
    id
    kind
    name
    externalId
    state
    receiveComments
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

export const SetChannelReceiveCommentsMutation = graphql(`
  mutation SetChannelReceiveComments($channelId: ID!, $enabled: Boolean!) {
    setChannelReceiveComments(channelId: $channelId, enabled: $enabled) {
      ...ChannelSettings
    }
  }
`);

export const RoleSettingsFragment = graphql(`
  fragment RoleSettings on Role {
    id
    name
    builtin
    permissions
  }
`);

export const CreateRoleMutation = graphql(`
  mutation CreateRole($name: String!, $permissions: [String!]!) {
    createRole(name: $name, permissions: $permissions) {
      ...RoleSettings
    }
  }
`);

export const UpdateRoleMutation = graphql(`
  mutation UpdateRole($roleId: ID!, $name: String, $permissions: [String!]) {
    updateRole(roleId: $roleId, name: $name, permissions: $permissions) {
      ...RoleSettings
    }
  }
`);

export const DeleteRoleMutation = graphql(`
  mutation DeleteRole($roleId: ID!) {
    deleteRole(roleId: $roleId)
  }
`);

export const ReconnectChannelMutation = graphql(`
  mutation ReconnectChannel($channelId: ID!, $accessToken: String) {
    reconnectChannel(channelId: $channelId, accessToken: $accessToken) {
      ...ChannelSettings
    }
  }
`);
