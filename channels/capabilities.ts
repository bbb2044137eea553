/**
 * What each platform can do, by kind: pure data, safe to import anywhere (the domain's rules, the
 * browser's settings and chat screens). The adapters that act on it are in channels/registry.ts.
 */
import { instagramCapabilities } from './instagram/capabilities';
import { messengerCapabilities } from './messenger/capabilities';
import { telegramCapabilities } from './telegram/capabilities';
import type { ChannelCapabilities, ChannelKind } from './types';
import { whatsAppCapabilities } from './whatsapp/capabilities';

const CAPABILITIES: Record<ChannelKind, ChannelCapabilities> = {
  MESSENGER: messengerCapabilities,
  INSTAGRAM: instagramCapabilities,
  WHATSAPP: whatsAppCapabilities,
  TELEGRAM: telegramCapabilities,
};

export const CHANNEL_KINDS = Object.keys(CAPABILITIES) as ChannelKind[];

/** What a platform can do. */
export function capabilitiesOf(kind: ChannelKind): ChannelCapabilities {
  return CAPABILITIES[kind];
}

type Flag = { [K in keyof ChannelCapabilities]-?: ChannelCapabilities[K] extends boolean ? K : never }[keyof ChannelCapabilities];

/** The kinds that have a capability, e.g. `kindsWith('comments')`. */
export function kindsWith(capability: Flag): ChannelKind[] {
  return CHANNEL_KINDS.filter((kind) => CAPABILITIES[kind][capability]);
}

/** The kind whose per-account webhooks arrive under `/api/webhooks/<path>/…` (`telegram` → TELEGRAM). */
export function kindOfWebhookPath(path: string): ChannelKind | undefined {
  return CHANNEL_KINDS.find((kind) => CAPABILITIES[kind].connect.webhookPath === path);
}
