import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of this process (`GET /api/metrics`). Other modules report through the
 * small functions below, one line at each point. The metrics live on globalThis: Next's bundle
 * and the custom server are separate module graphs, and a webhook handled in one must count in
 * the registry the other serves.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chats_process_' });
  const registers = [registry];
  return {
    registry,
    webhookRequests: new Counter({
      name: 'chats_webhook_requests_total',
      help: 'Webhook deliveries answered, by platform and HTTP status.',
      labelNames: ['provider', 'status'] as const,
      registers,
    }),
    webhookSeconds: new Histogram({
      name: 'chats_webhook_duration_seconds',
      help: 'Time from a webhook arriving to its answer, by platform.',
      labelNames: ['provider'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    webhookEvents: new Counter({
      name: 'chats_webhook_events_total',
      help: 'Webhook events by outcome: stored, duplicate (already stored), ignored (unknown channel), rejected (unreadable).',
      labelNames: ['provider', 'outcome'] as const,
      registers,
    }),
    jobs: new Gauge({
      name: 'chats_jobs',
      help: 'Jobs in the queue by state and priority (read from the database at each scrape).',
      labelNames: ['state', 'priority'] as const,
      registers,
    }),
    jobsFinished: new Counter({
      name: 'chats_jobs_finished_total',
      help: 'Job runs in this process, by kind and outcome (done, or error: retried or failed as the queue decides).',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    subscribers: new Gauge({
      name: 'chats_live_subscribers',
      help: 'Live subscriptions open on this process.',
      registers,
    }),
    eventsPublished: new Counter({
      name: 'chats_events_published_total',
      help: 'Live inbox events published by this process, by type.',
      labelNames: ['type'] as const,
      registers,
    }),
    databaseUp: new Gauge({
      name: 'chats_database_up',
      help: '1 while the database answers, 0 while it is unreachable.',
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const KEY = Symbol.for('chats.metrics');
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  return ((globalThis as Holder)[KEY] ??= createMetrics());
}

/** The provider a webhook path belongs to: `meta`, `whatsapp` or `telegram`. */
export function webhookProviderOf(path: string): string | undefined {
  return path.match(/^\/api\/webhooks\/(meta|whatsapp|telegram)(?:\/|$)/)?.[1];
}

export function observeWebhook(provider: string, status: number, seconds: number) {
  metrics().webhookRequests.inc({ provider, status: String(status) });
  metrics().webhookSeconds.observe({ provider }, seconds);
}

export function countWebhookEvents(provider: string, result: { stored: number; duplicates: number; ignored: number; rejected: number }) {
  const { webhookEvents } = metrics();
  for (const outcome of ['stored', 'duplicates', 'ignored', 'rejected'] as const) {
    if (result[outcome]) webhookEvents.inc({ provider, outcome: outcome === 'duplicates' ? 'duplicate' : outcome }, result[outcome]);
  }
}

export function countJobFinished(kind: string, outcome: 'done' | 'error') {
  metrics().jobsFinished.inc({ kind, outcome });
}

export function setJobCounts(rows: { state: string; priority?: string | number | null; count: number }[]) {
  const { jobs } = metrics();
  jobs.reset();
  for (const row of rows) jobs.set({ state: row.state, priority: String(row.priority ?? '') }, row.count);
}

export function subscriberOpened() {
  metrics().subscribers.inc();
}

export function subscriberClosed() {
  metrics().subscribers.dec();
}

export function countPublished(events: readonly { type: string }[]) {
  for (const event of events) metrics().eventsPublished.inc({ type: event.type });
}

export function setDatabaseUp(up: boolean) {
  metrics().databaseUp.set(up ? 1 : 0);
}

/** The bus, counting what it publishes. */
export function countPublishedEvents<B extends { publish(events: { type: string }[]): Promise<void> }>(bus: B): B {
  const publish = bus.publish.bind(bus);
  return Object.assign(bus, {
    async publish(events: { type: string }[]) {
      await publish(events);
      countPublished(events);
    },
  });
}

/** Job handlers, each run counted by kind and outcome (a failed run is retried or final: the queue decides). */
export function countJobRuns<H extends Record<string, ((...args: never[]) => Promise<void>) | undefined>>(handlers: H): H {
  const counted: Record<string, unknown> = {};
  for (const [kind, handler] of Object.entries(handlers)) {
    if (!handler) continue;
    counted[kind] = async (...args: never[]) => {
      try {
        await handler(...args);
        countJobFinished(kind, 'done');
      } catch (error) {
        countJobFinished(kind, 'error');
        throw error;
      }
    };
  }
  return counted as H;
}
