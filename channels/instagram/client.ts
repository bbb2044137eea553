import { graphCall } from '../meta/graph-call';
import type { MessengerClientConfig } from '../messenger/client';
import { isObject } from '../http';
import { stringOf, trimmedOf } from '../meta/json-values';
import { ChannelSendError, type ContactProfile } from '../types';

/** Instagram via Facebook Login talks to graph.facebook.com with the linked Page's token. */
export type InstagramClientConfig = MessengerClientConfig;

export interface LinkedInstagramAccount {
  pageId: string;
  pageName: string;
  instagram: { id: string; username: string | null; name: string | null } | null;
}

/** The Page a page token belongs to, with the Instagram professional account linked to it. */
export async function getPageWithInstagram(cfg: InstagramClientConfig): Promise<LinkedInstagramAccount> {
  const body = await graphCall(cfg, 'GET', '/me', { fields: 'id,name,instagram_business_account{id,username,name}' });
  if (!isObject(body) || typeof body.id !== 'string') {
    throw new ChannelSendError('permanent', 'Meta answered the page lookup without a page id.');
  }
  const ig = isObject(body.instagram_business_account) ? body.instagram_business_account : null;
  return {
    pageId: body.id,
    pageName: stringOf(body.name) ?? '',
    instagram:
      ig && typeof ig.id === 'string'
        ? { id: ig.id, username: stringOf(ig.username) ?? null, name: stringOf(ig.name) ?? null }
        : null,
  };
}

/**
 * Name, username and picture of an Instagram customer. Meta shares them only with people who
 * DMed the account; for anyone else (a commenter) it answers 230 "User consent is required",
 * and the chat shows "Unknown client".
 */
export async function fetchInstagramProfile(cfg: InstagramClientConfig, igsid: string): Promise<ContactProfile | null> {
  let body: unknown;
  try {
    body = await graphCall(cfg, 'GET', `/${encodeURIComponent(igsid)}`, { fields: 'name,username,profile_pic' });
  } catch (error) {
    if (error instanceof ChannelSendError && isProfileWithheld(error)) return null;
    throw error;
  }
  if (!isObject(body)) return null;
  const profile: ContactProfile = {};
  const displayName = trimmedOf(body.name);
  const username = trimmedOf(body.username);
  const avatarUrl = trimmedOf(body.profile_pic);
  if (displayName) profile.displayName = displayName;
  if (username) profile.username = username;
  if (avatarUrl) profile.avatarUrl = avatarUrl;
  return Object.keys(profile).length ? profile : null;
}

// 230: no consent (never DMed); 100: some apps see the consent case as an unreadable node
function isProfileWithheld(error: ChannelSendError): boolean {
  return error.code === 230 || error.code === 100 || error.subcode === 2018218;
}
