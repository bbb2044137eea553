import { eq, inArray } from 'drizzle-orm';
import { forgetViewers, type Viewer } from '../../auth/viewer';
import { PlatformUnreachableError } from '../../channels/http';
import { capabilitiesOf } from '../../channels/capabilities';
import { ChannelSendError, type ChannelKind } from '../../channels/types';
import { channelRoles, channels, roles } from '../../db/schema';
import { requirePermission } from '../access';
import type { Deps } from '../deps';
import { badInput, DomainError } from '../errors';
import { assertRolesExist } from './set-channel-access';
import { accountWebhookUrl } from './webhook-url';

export interface ConnectChannelInput {
  kind: ChannelKind;
  externalId: string;
  name: string;
  accessToken: string;
  roleIds?: string[] | null;
  businessAccountId?: string | null;
  /** When the token is known to expire (a Facebook Login user token's pages). */
  tokenExpiresAt?: Date | null;
}

/**
 * Connects (or reconnects) a channel: the platform must accept the token first, then the channel
 * is stored CONNECTED with the roles that may use it.
 */
export async function connectChannel(deps: Deps, viewer: Viewer | null, input: ConnectChannelInput) {
  requirePermission(viewer, 'SETTINGS');
  const externalId = input.externalId.trim();
  const name = input.name.trim();
  const accessToken = input.accessToken.trim();
  const platform = capabilitiesOf(input.kind);
  // Telegram names its bot, and a Page token names its Instagram account: the id may be left out
  if (!externalId && !platform.connect.idFromToken) throw badInput(platform.connect.missingId, { field: 'externalId' });
  if (!accessToken) throw badInput(platform.connect.missingToken, { field: 'accessToken' });
  const roleIds = input.roleIds ?? [];
  await assertRolesExist(deps.db, roleIds);

  const refused = (error: unknown): never => {
    // never the token: only what the platform or the network said, which the adapters keep token-free
    const logged = { kind: input.kind, externalId: externalId || undefined, reason: error instanceof Error ? error.message.split(accessToken).join('<token>') : String(error) };
    if (error instanceof PlatformUnreachableError) {
      deps.log.warn({ ...logged, platform: error.platform, timedOut: error.timedOut }, 'connecting a channel could not reach the platform');
      throw new DomainError('PLATFORM_UNREACHABLE', unreachableSentence(platform.provider, error), { platform: platform.provider });
    }
    if (error instanceof ChannelSendError) {
      deps.log.warn(logged, 'the platform refused to connect a channel');
      throw new DomainError('BAD_USER_INPUT', `${platform.label} did not accept this ${platform.connect.credentials}: ${error.message}`, { field: 'accessToken' });
    }
    throw error;
  };
  const verified = await deps.channels.connect({ kind: input.kind, externalId, accessToken }).catch(refused);
  const accountId = verified.externalId ?? externalId;
  if (platform.connect.throughPage && !verified.pageId) {
    throw badInput(`${platform.label} did not name the Page this account is linked to.`, { field: 'accessToken' });
  }
  if (platform.connect.idFromToken && externalId && externalId !== accountId) {
    throw badInput(`This token belongs to ${platform.connect.accountNoun} ${accountId}, not ${externalId}.`, { field: 'externalId' });
  }

  const adapter = deps.channels.adapter(input.kind);
  const connected = await deps.db.transaction(async (tx) => {
    const values = {
      kind: input.kind,
      externalId: accountId,
      name: name || verified.name || accountId,
      accessToken,
      businessAccountId: input.businessAccountId ?? null,
      pageId: verified.pageId ?? null,
      tokenExpiresAt: input.tokenExpiresAt ?? null,
      // a per-account webhook (Telegram) signs every update with this secret; a reconnect gets a fresh one
      webhookSecret: adapter.newWebhookSecret(),
      state: 'CONNECTED' as const,
      lastError: null,
      lastErrorAt: null,
    };
    const [channel] = await tx
      .insert(channels)
      .values(values)
      .onConflictDoUpdate({ target: [channels.kind, channels.externalId], set: values })
      .returning();
    if (input.roleIds) {
      await tx.delete(channelRoles).where(eq(channelRoles.channelId, channel.id));
      if (roleIds.length) await tx.insert(channelRoles).values(roleIds.map((roleId) => ({ channelId: channel.id, roleId })));
    }
    const url = accountWebhookUrl(deps, channel);
    if (url && values.webhookSecret) {
      // inside the transaction: if the platform refuses the webhook, the channel is not stored
      await deps.channels.registerWebhook(channel, url, values.webhookSecret).catch(refused);
    }
    return channel;
  });
  forgetViewers(deps.db);
  return connected;
}

/** "Could not reach Meta (network)": the token was not checked, so nothing about it is claimed. */
function unreachableSentence(who: string, error: PlatformUnreachableError): string {
  const why = error.timedOut ? 'no answer in time' : 'network';
  return `Could not reach ${who} (${why}), so the token was not checked. Check this server's internet connection and try again.`;
}

export async function listChannels(deps: Deps, viewer: Viewer | null) {
  const v = requirePermission(viewer, 'CHATS');
  const all = await deps.db.select().from(channels).orderBy(channels.kind, channels.name);
  // Settings sees every channel; an operator sees the ones their role may use
  return v.permissions.has('SETTINGS') ? all : all.filter((c) => v.channelIds.has(c.id));
}

export async function rolesOfChannels(deps: Deps, channelIds: readonly string[]) {
  if (channelIds.length === 0) return [];
  return deps.db
    .select({ channelId: channelRoles.channelId, role: roles })
    .from(channelRoles)
    .innerJoin(roles, eq(roles.id, channelRoles.roleId))
    .where(inArray(channelRoles.channelId, [...channelIds]));
}
