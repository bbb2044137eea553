import type { Permission } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import { DomainError, forbidden } from './errors';

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in, or send an API key as "Authorization: Bearer <key>".');
  return viewer;
}

export function requirePermission(viewer: Viewer | null, permission: Permission): Viewer {
  const v = requireViewer(viewer);
  if (!v.permissions.has(permission)) {
    throw forbidden(`Your role "${v.roleName}" lacks the ${permission} permission. Ask an admin to add it in Settings > Employees > Roles.`);
  }
  return v;
}

/**
 * Who may read what (decision 011): chats, their messages, comments, contacts and files by CHATS
 * and the chat's channel; clients by CLIENTS, wherever they are reached from (a chat, a document);
 * documents by DOCUMENTS. A client's chats list only those in the viewer's channels.
 */
export function canSeeChannel(viewer: Viewer, channelId: string): boolean {
  return viewer.permissions.has('CHATS') && viewer.channelIds.has(channelId);
}

export function canSeeClients(viewer: Viewer | null): boolean {
  return Boolean(viewer?.permissions.has('CLIENTS'));
}

export function canSeeDocuments(viewer: Viewer | null): boolean {
  return Boolean(viewer?.permissions.has('DOCUMENTS'));
}

/** A channel itself (its name, state, roles): to those who may use it, and to SETTINGS, which manages every channel. */
export function canSeeChannelItself(viewer: Viewer | null, channelId: string): boolean {
  return Boolean(viewer && (canSeeChannel(viewer, channelId) || viewer.permissions.has('SETTINGS')));
}

/** Roles are settings: SETTINGS reads every role, anyone else only their own (decision 010). */
export function canSeeRole(viewer: Viewer | null, roleId: string): boolean {
  return Boolean(viewer && (viewer.permissions.has('SETTINGS') || viewer.roleId === roleId));
}

/** API keys, roles and employees' details are managed with SETTINGS. */
export function canManageSettings(viewer: Viewer | null): boolean {
  return Boolean(viewer?.permissions.has('SETTINGS'));
}
