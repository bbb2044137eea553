import { graphql } from '../../graphql-client';

export const SessionFieldsFragment = graphql(`
  fragment SessionFields on Session {
    id
    createdAt
    lastSeenAt
    userAgent
    current
  }
`);

export const EmployeeSettingsFragment = graphql(`
  fragment EmployeeSettings on Employee {
    id
    name
    email
    active
    role {
      id
      name
    }
    sessions {
      ...SessionFields
    }
  }
`);

export const EmployeesQuery = graphql(`
  query EmployeesPage {
    viewer {
      id
    }
    employees {
      ...EmployeeSettings
    }
    roles {
      id
      name
    }
  }
`);

export const CreateEmployeeMutation = graphql(`
  mutation CreateEmployee($name: String!, $email: String!, $roleId: ID!, $password: String!) {
    createEmployee(name: $name, email: $email, roleId: $roleId, password: $password) {
      ...EmployeeSettings
    }
  }
`);

export const UpdateEmployeeMutation = graphql(`
  mutation UpdateEmployee($employeeId: ID!, $roleId: ID, $active: Boolean) {
    updateEmployee(employeeId: $employeeId, roleId: $roleId, active: $active) {
      ...EmployeeSettings
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($sessionId: ID!) {
    revokeSession(sessionId: $sessionId)
  }
`);

export const OwnSessionsQuery = graphql(`
  query OwnSessionsPage {
    viewer {
      id
      sessions {
        ...SessionFields
      }
    }
  }
`);

export const ApiKeySettingsFragment = graphql(`
  fragment ApiKeySettings on ApiKey {
    id
    name
    prefix
    createdAt
    lastUsedAt
    role {
      id
      name
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeysPage {
    apiKeys {
      ...ApiKeySettings
    }
    roles {
      id
      name
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($name: String!, $roleId: ID!) {
    createApiKey(name: $name, roleId: $roleId)
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`);
