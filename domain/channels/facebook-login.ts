import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import {
  exchangeLoginCode,
  FACEBOOK_LOGIN_KINDS,
  facebookLoginAccounts,
  facebookLoginDialogUrl,
  listManagedPages,
  type FacebookLoginAccount,
  type FacebookPageGrant,
} from '../../channels/meta/facebook-login';
import { ChannelSendError } from '../../channels/types';
import { channels, facebookLogins } from '../../db/schema';
import { randomToken } from '../../auth/tokens';
import { requirePermission } from '../access';
import type { Deps } from '../deps';
import { badInput, DomainError, notFound } from '../errors';
import { connectChannel } from './connect-channel';

/** How long an admin has to pick pages after logging in with Facebook. */
const LOGIN_TTL_MS = 30 * 60 * 1000;

export const facebookLoginRedirectUri = (deps: Deps) => `${deps.config.publicUrl}/api/auth/facebook/callback`;

function loginConfig(deps: Deps) {
  const { metaAppId, metaAppSecret, metaGraphUrl } = deps.config;
  if (!metaAppId || !metaAppSecret) {
    throw badInput('Facebook Login needs META_APP_ID and META_APP_SECRET in the server configuration. Until then, connect a page with its access token.');
  }
  return { graphUrl: metaGraphUrl, appId: metaAppId, appSecret: metaAppSecret };
}

export function isFacebookLoginConfigured(deps: Deps): boolean {
  return !!deps.config.metaAppId && !!deps.config.metaAppSecret;
}

/** Where to send the admin's browser, and the state the callback must bring back (kept in a cookie). */
export function startFacebookLogin(deps: Deps, viewer: Viewer | null): { url: string; state: string } {
  requirePermission(viewer, 'SETTINGS');
  const cfg = loginConfig(deps);
  const state = randomToken(24);
  return { url: facebookLoginDialogUrl({ dialogUrl: deps.config.metaOAuthDialogUrl, appId: cfg.appId, redirectUri: facebookLoginRedirectUri(deps), state }), state };
}

/**
 * Facebook sent the admin back with a code: trade it for their Pages and keep those (tokens
 * included) on the server until the admin picks what to connect. Returns the login's id.
 */
export async function finishFacebookLogin(deps: Deps, viewer: Viewer | null, input: { code: string; state: string; expectedState: string | undefined }) {
  const v = requirePermission(viewer, 'SETTINGS');
  if (!v.employeeId) throw badInput('Facebook Login is for employees signed in to the web app.');
  if (!input.expectedState || input.state !== input.expectedState) {
    throw badInput('This Facebook Login did not start here or has expired. Start it again from Settings > Chats.');
  }
  const cfg = loginConfig(deps);
  let pages: FacebookPageGrant[];
  let expiresAt: Date | null;
  try {
    const token = await exchangeLoginCode(cfg, { code: input.code, redirectUri: facebookLoginRedirectUri(deps) });
    expiresAt = token.expiresAt;
    pages = await listManagedPages(cfg, token.accessToken);
  } catch (error) {
    if (error instanceof ChannelSendError) throw badInput(`Facebook did not complete the login: ${error.message}`);
    throw error;
  }
  await deps.db.delete(facebookLogins).where(lt(facebookLogins.expiresAt, new Date()));
  const [row] = await deps.db
    .insert(facebookLogins)
    .values({ employeeId: v.employeeId, pages: { pages, tokenExpiresAt: expiresAt?.toISOString() ?? null }, expiresAt: new Date(Date.now() + LOGIN_TTL_MS) })
    .returning({ id: facebookLogins.id });
  return row.id;
}

interface StoredLogin {
  pages: FacebookPageGrant[];
  tokenExpiresAt: string | null;
}

async function loadLogin(deps: Deps, viewer: Viewer | null, loginId: string) {
  const v = requirePermission(viewer, 'SETTINGS');
  // a login is its employee's: an API key (no employee) owns none, and every id reads as missing to it
  const [row] =
    v.employeeId && /^[0-9a-f-]{36}$/i.test(loginId)
      ? await deps.db.select().from(facebookLogins).where(and(eq(facebookLogins.id, loginId), eq(facebookLogins.employeeId, v.employeeId)))
      : [];
  if (!row) throw notFound('This Facebook Login');
  if (row.expiresAt < new Date()) throw new DomainError('BAD_USER_INPUT', 'This Facebook Login has expired. Log in with Facebook again.');
  return { row, stored: row.pages as StoredLogin };
}

/** The pages of a login, without their tokens, and whether each is already connected here. */
export async function getFacebookLogin(deps: Deps, viewer: Viewer | null, loginId: string) {
  const { row, stored } = await loadLogin(deps, viewer, loginId);
  const ids = stored.pages.flatMap((p) => [p.id, ...(p.instagram ? [p.instagram.id] : [])]);
  const existing = ids.length
    ? await deps.db
        .select({ kind: channels.kind, externalId: channels.externalId, state: channels.state })
        .from(channels)
        .where(and(inArray(channels.externalId, ids), inArray(channels.kind, [...FACEBOOK_LOGIN_KINDS])))
    : [];
  // a channel that lost sync can be picked again: connecting it reconnects the same channel
  const connected = new Set(existing.filter((c) => c.state === 'CONNECTED').map((c) => `${c.kind}:${c.externalId}`));
  const isConnected = (account: FacebookLoginAccount) => connected.has(`${account.kind}:${account.externalId}`);
  return {
    id: row.id,
    expiresAt: row.expiresAt,
    pages: stored.pages.map((page) => {
      const accounts = facebookLoginAccounts(page);
      return {
        id: page.id,
        name: page.name,
        canMessage: page.tasks.length === 0 || page.tasks.includes('MESSAGING') || page.tasks.includes('MANAGE'),
        messengerConnected: isConnected(accounts.page),
        instagram: page.instagram && accounts.instagram ? { ...page.instagram, connected: isConnected(accounts.instagram) } : null,
      };
    }),
  };
}

export type FacebookAccountChoice = Pick<FacebookLoginAccount, 'kind' | 'externalId'>;

/** Connects the chosen Pages and Instagram accounts of a login, with the roles that may use them. */
export async function connectFacebookAccounts(
  deps: Deps,
  viewer: Viewer | null,
  input: { loginId: string; accounts: FacebookAccountChoice[]; roleIds?: string[] | null },
) {
  const { row, stored } = await loadLogin(deps, viewer, input.loginId);
  if (input.accounts.length === 0) throw badInput('Pick at least one page or Instagram account to connect.');
  const reachable = stored.pages.flatMap((page) => {
    const { page: account, instagram } = facebookLoginAccounts(page);
    return [account, ...(instagram ? [instagram] : [])].map((account) => ({ page, account }));
  });
  const plan = input.accounts.map((choice) => {
    const found = reachable.find(({ account }) => account.kind === choice.kind && account.externalId === choice.externalId);
    if (!found) throw badInput(`${choice.externalId} is not among the accounts this Facebook Login can reach.`);
    return { choice, ...found };
  });
  const known = await deps.db
    .select({ kind: channels.kind, externalId: channels.externalId })
    .from(channels)
    .where(inArray(channels.externalId, plan.map((p) => p.choice.externalId)));
  const isKnown = (choice: FacebookAccountChoice) => known.some((c) => c.kind === choice.kind && c.externalId === choice.externalId);
  const connected = [];
  for (const { choice, page, account } of plan) {
    connected.push(
      await connectChannel(deps, viewer, {
        kind: choice.kind,
        externalId: choice.externalId,
        name: account.name,
        accessToken: page.accessToken,
        // Page tokens listed with a long-lived user token have no expiry date of their own;
        // a channel already here is being reconnected: who may use it stays as it is
        roleIds: isKnown(choice) ? null : input.roleIds,
      }),
    );
  }
  await deps.db.delete(facebookLogins).where(eq(facebookLogins.id, row.id));
  return connected;
}
