/**
 * Meta plumbing that Messenger and Instagram share: both talk to a Facebook Page's Graph API with
 * the Page token, get their webhooks through the Page's app subscription, and serve attachments
 * from Facebook's CDNs.
 */
import type { MessengerClientConfig } from '../messenger/client';
import { subscribedApps } from '../messenger/client';
import { ChannelSendError, type AdapterConfig, type ChannelAccount, type ChannelHealth } from '../types';

/** The Graph API as a Page token reaches it, with `appsecret_proof` when the app secret is set. */
export function pageApi(config: AdapterConfig, account: ChannelAccount): MessengerClientConfig {
  return { graphUrl: account.apiBaseUrl ?? config.metaGraphUrl, accessToken: account.accessToken, appSecret: config.metaAppSecret, fetch: config.fetch };
}

/** Meta drops an app's page subscription when webhooks keep failing: then the page's messages no longer reach us. */
export async function checkPageSubscription(config: AdapterConfig, account: ChannelAccount, pageId: string | null | undefined): Promise<ChannelHealth> {
  if (!pageId) return { ok: true };
  const apps = await subscribedApps(pageApi(config, account), pageId);
  if (apps.length === 0) {
    return { ok: false, reason: 'Meta stopped sending this page\'s messages to us (the app is no longer subscribed, e.g. after webhooks went unanswered). Reconnect it.' };
  }
  return { ok: true };
}

/** Runs a health check; Meta often says only "(#10) Application does not have permission": name the one the check needs. */
export async function namingMissingPermission<T>(permission: string | undefined, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof ChannelSendError && error.kind === 'permission' && !error.missingPermission) error.missingPermission = permission;
    throw error;
  }
}
