import { graphCall } from './graph-call';
import { isObject } from '../http';
import { ChannelSendError, type ChannelKind } from '../types';
import { parseGraphError } from './graph-error';
import { graphRequest } from './graph-request';

/** What an inbox needs from the person logging in: their Pages, messaging, and linked Instagram accounts. */
export const FACEBOOK_LOGIN_SCOPES = [
  'pages_show_list',
  'pages_messaging',
  'pages_manage_metadata',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_manage_messages',
  'business_management',
] as const;

export interface FacebookLoginConfig {
  graphUrl: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
}

export interface FacebookPageGrant {
  id: string;
  name: string;
  /** The Page access token (long-lived when it came from a long-lived user token). */
  accessToken: string;
  tasks: string[];
  instagram: { id: string; username: string | null; name: string | null } | null;
}

export function facebookLoginDialogUrl(input: { dialogUrl: string; appId: string; redirectUri: string; state: string }): string {
  const url = new URL(input.dialogUrl);
  url.searchParams.set('client_id', input.appId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', FACEBOOK_LOGIN_SCOPES.join(','));
  return url.toString();
}

/**
 * The code from the dialog → a user token → a long-lived user token (about 60 days), so the
 * Page tokens listed with it do not expire after an hour.
 */
export async function exchangeLoginCode(cfg: FacebookLoginConfig, input: { code: string; redirectUri: string }) {
  const short = await oauthCall(cfg, { client_id: cfg.appId, redirect_uri: input.redirectUri, client_secret: cfg.appSecret, code: input.code });
  const long = await oauthCall(cfg, { grant_type: 'fb_exchange_token', client_id: cfg.appId, client_secret: cfg.appSecret, fb_exchange_token: short.accessToken });
  return long;
}

/** Every Page the person manages, following Meta's paging, with the Instagram account linked to each. */
export async function listManagedPages(cfg: FacebookLoginConfig, userToken: string): Promise<FacebookPageGrant[]> {
  const pages: FacebookPageGrant[] = [];
  let after: string | undefined;
  for (let round = 0; round < 20; round++) {
    const query: Record<string, string> = { fields: 'id,name,access_token,tasks,instagram_business_account{id,username,name}', limit: '100' };
    if (after) query.after = after;
    const body = await graphCall({ graphUrl: cfg.graphUrl, accessToken: userToken, appSecret: cfg.appSecret, fetch: cfg.fetch }, 'GET', '/me/accounts', query);
    const data = isObject(body) && Array.isArray(body.data) ? body.data : [];
    for (const page of data) {
      if (!isObject(page) || typeof page.id !== 'string' || typeof page.access_token !== 'string') continue;
      const ig = isObject(page.instagram_business_account) ? page.instagram_business_account : null;
      pages.push({
        id: page.id,
        name: typeof page.name === 'string' ? page.name : page.id,
        accessToken: page.access_token,
        tasks: Array.isArray(page.tasks) ? page.tasks.filter((t): t is string => typeof t === 'string') : [],
        instagram:
          ig && typeof ig.id === 'string'
            ? { id: ig.id, username: typeof ig.username === 'string' ? ig.username : null, name: typeof ig.name === 'string' ? ig.name : null }
            : null,
      });
    }
    const paging = isObject(body) && isObject(body.paging) ? body.paging : null;
    const cursors = paging && isObject(paging.cursors) ? paging.cursors : null;
    after = paging?.next && cursors && typeof cursors.after === 'string' ? cursors.after : undefined;
    if (!after) break;
  }
  return pages;
}

async function oauthCall(cfg: FacebookLoginConfig, query: Record<string, string>): Promise<{ accessToken: string; expiresAt: Date | null }> {
  const url = new URL(`${cfg.graphUrl.replace(/\/+$/, '')}/oauth/access_token`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const body = await graphRequest({ url, method: 'GET', timeoutMs: 15_000, fetch: cfg.fetch, platform: 'Facebook', secret: cfg.appSecret, toError: parseGraphError });
  if (!isObject(body) || typeof body.access_token !== 'string') {
    throw new ChannelSendError('permanent', 'Facebook answered the login without an access token.');
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : null;
  return { accessToken: body.access_token, expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null };
}

/** What a Facebook Login connects: each Page as a Messenger channel, its linked Instagram account as an Instagram one. */
export const FACEBOOK_LOGIN_KINDS = ['MESSENGER', 'INSTAGRAM'] as const satisfies readonly ChannelKind[];

export interface FacebookLoginAccount {
  kind: (typeof FACEBOOK_LOGIN_KINDS)[number];
  /** The Page id (Messenger) or the Instagram account id. */
  externalId: string;
  /** The name the channel gets ('' lets connecting name it). */
  name: string;
}

/** The channels one Page of a login can become. */
export function facebookLoginAccounts(page: FacebookPageGrant): { page: FacebookLoginAccount; instagram: FacebookLoginAccount | null } {
  return {
    page: { kind: 'MESSENGER', externalId: page.id, name: page.name },
    instagram: page.instagram
      ? { kind: 'INSTAGRAM', externalId: page.instagram.id, name: page.instagram.username ? `@${page.instagram.username}` : '' }
      : null,
  };
}
