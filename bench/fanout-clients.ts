/**
 * The subscribers of bench/fanout.ts, in their own process (so they don't share the server's
 * thread): N graphql-ws clients, or N plain `ws` sockets, that note when each message arrives.
 * Driven over IPC: open → (rounds, polled with count) → stats → close.
 */
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

type Command =
  | { cmd: 'open'; kind: 'graphql-ws'; url: string; count: number; query: string; authorizations: (string | null)[] }
  | { cmd: 'open'; kind: 'ws'; url: string; count: number }
  | { cmd: 'stats' }
  | { cmd: 'count'; marker?: string }
  | { cmd: 'reset' }
  | { cmd: 'close' };

const now = () => performance.timeOrigin + performance.now();
/** Arrival times by marker (the message text), and every arrival's count. */
let arrivals = new Map<string, number[]>();
let total = 0;
let lastAt = 0;
const closers: (() => void)[] = [];

function note(marker: string | undefined) {
  const at = now();
  total++;
  lastAt = at;
  if (!marker) return;
  let list = arrivals.get(marker);
  if (!list) arrivals.set(marker, (list = []));
  list.push(at);
}

function markerOf(data: unknown): string | undefined {
  const event = (data as { inboxEvents?: { message?: { text?: string } } } | undefined)?.inboxEvents;
  return event?.message?.text;
}

/** Opened in batches, each waiting for its acknowledgements: a thousand at once time out on a busy machine. */
async function openGraphQL(command: Extract<Command, { kind: 'graphql-ws' }>) {
  const connected = new Set<number>();
  for (let first = 0; first < command.count; first += 50) {
    const batch = Math.min(command.count, first + 50);
    for (let i = first; i < batch; i++) {
      const authorization = command.authorizations[i % command.authorizations.length];
      const client: Client = createClient({
        url: command.url,
        webSocketImpl: WebSocket,
        connectionParams: authorization ? { authorization } : undefined,
        retryAttempts: 5,
        shouldRetry: () => true,
        lazy: false,
        onNonLazyError: () => {},
        on: { connected: () => void connected.add(i) },
      });
      const stop = client.subscribe({ query: command.query }, { next: (value) => note(markerOf(value.data)), error: () => {}, complete: () => {} });
      closers.push(() => {
        stop();
        void client.dispose();
      });
    }
    while (connected.size < batch) await new Promise((r) => setTimeout(r, 20));
  }
}

async function openWs(command: Extract<Command, { kind: 'ws' }>) {
  let open = 0;
  for (let i = 0; i < command.count; i++) {
    const socket = new WebSocket(command.url);
    socket.on('open', () => void open++);
    socket.on('message', (data) => {
      const text = data.toString();
      note(markerOf((JSON.parse(text) as { payload?: { data?: unknown } }).payload?.data));
    });
    closers.push(() => socket.terminate());
  }
  while (open < command.count) await new Promise((r) => setTimeout(r, 20));
}

process.on('message', async (command: Command) => {
  if (command.cmd === 'open') {
    await (command.kind === 'ws' ? openWs(command) : openGraphQL(command));
    // let the last subscribe messages reach the server before the first event
    await new Promise((r) => setTimeout(r, 500));
    process.send!({ ok: 'open' });
  } else if (command.cmd === 'stats') {
    process.send!({ ok: 'stats', arrivals: Object.fromEntries(arrivals), total, lastAt });
  } else if (command.cmd === 'count') {
    process.send!({ ok: 'count', count: command.marker ? (arrivals.get(command.marker)?.length ?? 0) : 0, total });
  } else if (command.cmd === 'reset') {
    arrivals = new Map();
    total = 0;
    lastAt = 0;
    process.send!({ ok: 'reset' });
  } else if (command.cmd === 'close') {
    for (const close of closers.splice(0)) close();
    process.send!({ ok: 'close' });
  }
});
