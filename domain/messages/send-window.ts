export type ChannelKind = 'MESSENGER' | 'INSTAGRAM' | 'WHATSAPP' | 'TELEGRAM';
export type ChannelState = 'CONNECTED' | 'SYNC_LOST' | 'MISSING_PERMISSIONS';
export type SendBlock = 'TAG_REQUIRED' | 'WINDOW_CLOSED' | 'TEMPLATE_REQUIRED' | 'SYNC_LOST' | 'NO_ACCESS';
export type OperatorTag = 'ACCOUNT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'CONFIRMED_EVENT_UPDATE';

export const OPERATOR_TAGS: OperatorTag[] = ['ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE'];

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export interface Sendability {
  canSend: boolean;
  block: SendBlock | null;
  /** Tags the operator may pick to send anyway (Messenger after 7 days). */
  allowedTags: OperatorTag[];
  /** When the current window closes (null: no window, or already closed). */
  windowEndsAt: Date | null;
  /** Where the conversation can go on when we can't send (Instagram app link). */
  externalUrl: string | null;
  /** The tag the platform needs for a plain reply now (Messenger/Instagram HUMAN_AGENT after 24 h). */
  autoTag: 'HUMAN_AGENT' | null;
}

export interface SendWindowInput {
  kind: ChannelKind;
  state: ChannelState;
  /** The platform's timestamp of the customer's last message. */
  lastInboundAt: Date | null;
  contactUsername?: string | null;
  now: Date;
}

const open = (windowEndsAt: Date | null, autoTag: Sendability['autoTag'] = null): Sendability => ({
  canSend: true,
  block: null,
  allowedTags: [],
  windowEndsAt,
  externalUrl: null,
  autoTag,
});

const blocked = (block: SendBlock, extra: Partial<Sendability> = {}): Sendability => ({
  canSend: false,
  block,
  allowedTags: [],
  windowEndsAt: null,
  externalUrl: null,
  autoTag: null,
  ...extra,
});

/** The platforms' messaging windows as one rule (PLATFORMS.md A.5, B, D.4). */
export function sendWindow(input: SendWindowInput): Sendability {
  if (input.state !== 'CONNECTED') return blocked('SYNC_LOST');
  const since = input.lastInboundAt ? input.now.getTime() - input.lastInboundAt.getTime() : Infinity;
  const at = (ms: number) => new Date(input.lastInboundAt!.getTime() + ms);
  switch (input.kind) {
    case 'TELEGRAM':
      return open(null);
    case 'MESSENGER':
      if (since <= DAY) return open(at(DAY));
      if (since <= 7 * DAY) return open(at(7 * DAY), 'HUMAN_AGENT');
      return blocked('TAG_REQUIRED', { allowedTags: OPERATOR_TAGS });
    case 'INSTAGRAM':
      if (since <= DAY) return open(at(DAY));
      if (since <= 7 * DAY) return open(at(7 * DAY), 'HUMAN_AGENT');
      return blocked('WINDOW_CLOSED', {
        externalUrl: input.contactUsername ? `https://ig.me/m/${encodeURIComponent(input.contactUsername)}` : 'https://www.instagram.com/direct/inbox/',
      });
    case 'WHATSAPP':
      if (since <= DAY) return open(at(DAY));
      return blocked('TEMPLATE_REQUIRED');
  }
}
