import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { sessionTokenHashOf } from '../auth/viewer';
import type { Context } from './context';

/**
 * Identical live subscriptions share one execution per event (decision 028).
 *
 * The fan-out hands every subscriber of one audience the same event object (decision 018). Two
 * subscribers with the same operation (document, operation name, variables), the same locale and
 * the same "who" (see `whoKey`) who get the same event object would compute the same answer: it is
 * computed once, and on a socket it is serialized once and written to each subscriber as it is.
 * A replayed event is a fresh object per subscriber, so it is never shared.
 */
export function useSharedLiveResults(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribeShared);
    },
  };
}

/** Writes one `next` payload (already JSON) to a subscriber's socket; a promise when the next must wait for it. */
export type SendPayload = (payloadJson: string) => Promise<void> | void;

const sockets = new WeakMap<object, SendPayload>();

/**
 * graphql-ws wiring: this operation's results that carry no errors go straight to its socket, as
 * the `next` message graphql-ws would have built. Results with errors take graphql-ws's own path,
 * through Yoga's error masking and logging.
 */
export function sendLiveResultsTo(contextValue: object, send: SendPayload): void {
  sockets.set(contextValue, send);
}

interface Shared {
  result: Promise<ExecutionResult>;
  /** The result once known, so the subscribers after the first take it without waiting a turn. */
  settled?: ExecutionResult;
  json?: string;
}

/** Per event object: per document: per operation name, variables, locale and who, the one answer. */
const answers = new WeakMap<object, WeakMap<DocumentNode, Map<string, Shared>>>();

async function subscribeShared(args: ExecutionArgs) {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const send = args.contextValue ? sockets.get(args.contextValue) : undefined;
  const key = shareKey(args);
  const source = stream[Symbol.asyncIterator]();
  return sharedResults(source, async (event) => {
    const shared = sharedAnswer(event, args, key);
    const result = shared.settled ?? (await shared.result);
    if (!send || result.errors) return result;
    const written = send((shared.json ??= JSON.stringify(result)));
    if (written) await written;
    return null;
  });
}

function sharedAnswer(event: unknown, args: ExecutionArgs, key: string): Shared {
  if (typeof event !== 'object' || event === null) return execution(event, args);
  let byDocument = answers.get(event);
  if (!byDocument) answers.set(event, (byDocument = new WeakMap()));
  let byKey = byDocument.get(args.document);
  if (!byKey) byDocument.set(args.document, (byKey = new Map()));
  let shared = byKey.get(key);
  if (!shared) byKey.set(key, (shared = execution(event, args)));
  return shared;
}

function execution(event: unknown, args: ExecutionArgs): Shared {
  const shared: Shared = { result: Promise.resolve(execute({ ...args, rootValue: event })) };
  void shared.result.then((result) => void (shared.settled = result), () => {});
  return shared;
}

function shareKey(args: ExecutionArgs): string {
  const ctx = args.contextValue as Partial<Context> | undefined;
  return [args.operationName ?? '', JSON.stringify(args.variableValues ?? {}), ctx?.locale ?? '', whoKey(ctx)].join('\n');
}

/**
 * What an answer may depend on besides the audience (permissions and channels, which the event
 * object already stands for): an employee reads their own details in full (decision 010) and sees
 * which session is the current one, so employees share only with themselves in the same session;
 * an API key has neither, so keys of one audience share.
 */
function whoKey(ctx: Partial<Context> | undefined): string {
  const viewer = ctx?.viewer;
  if (!viewer || viewer.kind === 'apiKey') return 'key';
  return `${viewer.employeeId ?? viewer.id}\n${(ctx.credentials && sessionTokenHashOf(ctx.credentials)) ?? ''}`;
}

/**
 * The subscriber's results: `step` answers each event with a result to hand to graphql-ws, or null
 * when it already sent it itself. Returning (the client completed, the socket closed) ends the
 * source at once, even while a `next` waits for the source.
 */
function sharedResults(source: AsyncIterator<unknown>, step: (event: unknown) => Promise<ExecutionResult | null>) {
  const done = { done: true, value: undefined } as const;
  const results: AsyncIterableIterator<ExecutionResult> & Required<Pick<AsyncIterator<ExecutionResult>, 'return' | 'throw'>> = {
    async next() {
      for (;;) {
        const item = await source.next();
        if (item.done) return done;
        const result = await step(item.value);
        if (result) return { done: false, value: result };
      }
    },
    async return() {
      await source.return?.();
      return done;
    },
    async throw(error: unknown) {
      if (source.throw) await source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  };
  return results;
}
