import type { Credentials, Viewer } from '../../auth/viewer';
import type { EventBus, InboxEventRecord } from '../../events/bus';
import { canSeeChannel } from '../access';
import type { Deps } from '../deps';
import { currentViewer, missedInboxEvents, readInboxEvent, readInboxEventRows, type InboxEventView } from './inbox-events';

/** One live event as delivered: the same object for every subscriber of one audience. */
export interface LiveInboxEvent extends InboxEventView {
  record: InboxEventRecord;
}

export interface InboxFollower {
  /** The viewer the subscription was opened with. */
  viewer: Viewer;
  /** What it signed in with: re-checked for every event, so a sign-out or a revoked key ends it. */
  credentials?: Credentials;
  /** Catch up from this cursor first (a reconnecting client); null for only what comes next. */
  after: number | null;
}

/** Receives one event with the subscriber's viewer as it stands now; the next waits for a promise it returns. */
export type Deliver = (event: LiveInboxEvent, viewer: Viewer) => Promise<void> | void;

/** At most this many missed events are replayed to a reconnecting client. */
export const REPLAY_LIMIT = 1000;

interface Member {
  follower: InboxFollower;
  /** Events that arrive while the member replays what it missed; null once it follows live. */
  pending: InboxEventRecord[] | null;
  /** Ids the replay delivered, so the live stream doesn't repeat them. */
  replayed: Set<number>;
  closed: boolean;
  deliver: Deliver;
  enqueue(work: () => Promise<void> | void, record: InboxEventRecord): void;
}

/**
 * One listener on the bus per process, whatever the number of subscribers. For each event it
 * re-reads every subscriber's viewer (one lookup per distinct credentials, cached by auth), groups
 * those who may see the event by audience (permissions and channel access), reads the event's rows
 * once, and hands each audience one shared event object (decision 018).
 */
class InboxFanOut {
  private members = new Set<Member>();
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private deps: Deps,
    private bus: EventBus,
  ) {}

  follow(follower: InboxFollower, deliver: Deliver): () => void {
    const { deps } = this;
    let chain = Promise.resolve();
    /** Works handed to this subscriber and not finished yet. */
    let unfinished = 0;
    // made once per subscriber, not per delivery
    const finished = () => void unfinished--;
    const failed = (error: unknown, record: InboxEventRecord) => {
      deps.log.error({ err: error, eventId: record.id, type: record.type }, 'live event could not be delivered to a subscriber');
    };
    const member: Member = {
      follower,
      pending: follower.after === null ? null : [],
      replayed: new Set(),
      closed: false,
      deliver,
      // one at a time, in order, per subscriber: a slow socket holds up only itself. A subscriber
      // with nothing in hand takes the event at once (no promise per delivery when it keeps up).
      enqueue: (work, record) => {
        if (unfinished === 0) {
          let started: Promise<void> | void;
          try {
            started = work();
          } catch (error) {
            return failed(error, record);
          }
          if (!started) return;
          unfinished++;
          chain = started.then(finished, (error: unknown) => (finished(), failed(error, record)));
          return;
        }
        unfinished++;
        chain = chain.then(work).then(finished, (error: unknown) => (finished(), failed(error, record)));
      },
    };
    this.members.add(member);
    this.unsubscribe ??= this.bus.subscribe((record) => {
      // the publisher (a webhook) does not wait for the fan-out; events are read side by side as
      // they come and handed out in the order they came
      setImmediate(() => {
        const resolved = this.resolve(record);
        this.queue = this.queue
          .then(async () => {
            for (const [member, viewer, event] of await resolved) {
              member.enqueue(() => (member.closed ? undefined : member.deliver(event, viewer)), record);
            }
          })
          .catch((error: unknown) => this.deps.log.error({ err: error, eventId: record.id }, 'live event could not be handed out'));
      });
    });
    if (member.pending) void this.replay(member);
    return () => {
      member.closed = true;
      this.members.delete(member);
    };
  }

  /** A reconnecting client: what it missed from the log, then what arrived meanwhile. */
  private async replay(member: Member) {
    const { follower } = member;
    const one = (record: InboxEventRecord) =>
      member.enqueue(async () => {
        const viewer = await currentViewer(this.deps.db, follower.viewer, follower.credentials);
        const view = await readInboxEvent(this.deps.db, viewer, record);
        if (view && viewer && !member.closed) await member.deliver({ record, ...view }, viewer);
      }, record);
    try {
      for (const record of await missedInboxEvents(this.deps.db, follower.viewer, follower.after!, REPLAY_LIMIT)) {
        member.replayed.add(record.id);
        one(record);
      }
    } catch (error) {
      this.deps.log.error({ err: error, after: follower.after }, 'missed live events could not be read for a reconnecting subscriber');
    }
    const pending = member.pending ?? [];
    member.pending = null;
    for (const record of pending) if (!member.replayed.has(record.id)) one(record);
  }

  /** Who gets the event, with which viewer and which shared event object; never fails (it logs). */
  private async resolve(record: InboxEventRecord): Promise<[Member, Viewer, LiveInboxEvent][]> {
    const live: Member[] = [];
    for (const member of this.members) {
      if (member.pending) member.pending.push(record);
      else if (!member.replayed.has(record.id)) live.push(member);
    }
    if (!live.length) return [];
    const { db, log } = this.deps;
    // access as it stands now, one lookup per identity however many sockets it has open
    const lookups = new Map<string, Promise<Viewer | null>>();
    const viewers = await Promise.all(
      live.map((member) => {
        const key = identityKey(member.follower);
        let lookup = lookups.get(key);
        if (!lookup) {
          lookup = currentViewer(db, member.follower.viewer, member.follower.credentials).catch((error: unknown) => {
            log.error({ err: error, eventId: record.id }, 'live event: a subscriber’s access could not be checked; it skips this event');
            return null;
          });
          lookups.set(key, lookup);
        }
        return lookup;
      }),
    );
    const audiences = new Map<string, [Member, Viewer][]>();
    live.forEach((member, i) => {
      const viewer = viewers[i];
      if (!viewer || member.closed || !canSeeChannel(viewer, record.channelId)) return;
      const key = audienceKey(viewer);
      const audience = audiences.get(key);
      if (audience) audience.push([member, viewer]);
      else audiences.set(key, [[member, viewer]]);
    });
    if (!audiences.size) return [];
    let rows: InboxEventView | null;
    try {
      rows = await readInboxEventRows(db, record);
    } catch (error) {
      // an event that cannot be read (the database hiccups) is logged and skipped; the stream goes on
      log.error({ err: error, eventId: record.id, type: record.type }, 'live event could not be read; its subscribers skip it');
      return [];
    }
    if (!rows) return [];
    const deliveries: [Member, Viewer, LiveInboxEvent][] = [];
    for (const audience of audiences.values()) {
      const event: LiveInboxEvent = { record, ...rows };
      for (const [member, viewer] of audience) deliveries.push([member, viewer, event]);
    }
    return deliveries;
  }
}

function identityKey(follower: InboxFollower): string {
  const { credentials, viewer } = follower;
  return credentials ? `c:${credentials.authorization ?? ''}\n${credentials.cookie ?? ''}` : `v:${viewer.kind}:${viewer.id}`;
}

const audienceKeys = new WeakMap<Viewer, string>();
/** Who sees the same thing: the same permissions and the same channels. */
function audienceKey(viewer: Viewer): string {
  let key = audienceKeys.get(viewer);
  if (key === undefined) {
    key = `${[...viewer.permissions].sort().join(',')}|${[...viewer.channelIds].sort().join(',')}`;
    audienceKeys.set(viewer, key);
  }
  return key;
}

/** One fan-out per bus and process, whichever module graph asks (the custom server's or Next's). */
const FANOUTS = Symbol.for('chats.inbox-fan-out');
function fanOutOf(deps: Deps): InboxFanOut {
  const holder = globalThis as { [FANOUTS]?: WeakMap<EventBus, InboxFanOut> };
  const all = (holder[FANOUTS] ??= new WeakMap());
  let fanOut = all.get(deps.bus);
  if (!fanOut) all.set(deps.bus, (fanOut = new InboxFanOut(deps, deps.bus)));
  return fanOut;
}

/**
 * Follows the inbox for one subscriber: `deliver` gets every event the viewer may see, in order,
 * each checked against the viewer's access at that moment. Returns the function that stops it.
 */
export function followInbox(deps: Deps, follower: InboxFollower, deliver: Deliver): () => void {
  return fanOutOf(deps).follow(follower, deliver);
}
