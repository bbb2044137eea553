export const PERMISSIONS = ['CHATS', 'CLIENTS', 'DOCUMENTS', 'SETTINGS'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const BUILTIN_ROLES = {
  Admin: [...PERMISSIONS],
  Operator: ['CHATS', 'CLIENTS', 'DOCUMENTS'],
} satisfies Record<string, Permission[]>;

export const ADMIN_ROLE = 'Admin';

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
