import { EventEmitter } from 'node:events';

export type InboxEventType = 'MessageAdded' | 'MessageUpdated' | 'ChatUpdated';

/** A live event carries ids only; each subscriber resolves them with its own access. */
export interface InboxEventRecord {
  id: number;
  type: InboxEventType;
  channelId: string;
  chatId: string;
  messageId: string | null;
}

export interface EventBus {
  publish(events: InboxEventRecord[]): Promise<void>;
  subscribe(listener: (event: InboxEventRecord) => void): () => void;
  /** Whether live events reach other processes now (Redis answers); the in-memory bus always does. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  // every open subscription is one listener; an inbox with hundreds of operators is normal
  emitter.setMaxListeners(0);
  return {
    async publish(events) {
      for (const event of events) emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async ready() {
      return true;
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
