import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../db/schema';
import { createGraphQLServer } from '../../graphql/yoga';
import type { BootedRuntime } from '../../runtime/boot';
import { createLogger } from '../../runtime/logger';
import { builtinRoles, makeApiKey, makeChannel, makeChat } from '../helpers/factories';
import { startTestRuntime } from '../helpers/runtime';

/** A pino logger writing into an array of parsed lines. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', stream), lines, text: () => lines.join('') };
}

describe('what reaches the logs', () => {
  let rt: BootedRuntime;
  let key: string;
  let chat: Awaited<ReturnType<typeof makeChat>>;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    const { Admin } = await builtinRoles(rt.deps);
    const channel = await makeChannel(rt.deps, { roleIds: [Admin.id] });
    chat = await makeChat(rt.deps, channel.id);
    key = (await makeApiKey(rt.deps, Admin.id)).authorization;
  });
  afterAll(() => rt?.close());

  it('a statement the database refuses is logged with its reason but without the customer\'s words', async () => {
    const secret = 'my card number is 4111 1111 1111 1111';
    const error = await rt.deps.db
      .insert(messages)
      .values({ chatId: chat.chat.id, channelId: chat.chat.channelId, direction: 'INBOUND', status: 'RECEIVED', text: `${secret}\u0000`, providerMessageId: 'nul-1', sentAt: new Date() })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain(secret);
    const { log, text } = capturingLogger();
    log.error({ err: error, job: { id: 7, kind: 'send-message', payload: { text: secret } } }, 'job failed');
    expect(text()).toContain('Failed query: insert into \\"messages\\"');
    expect(text()).not.toContain('4111');
  });

  it('tokens, cookies and message texts are redacted', () => {
    const { log, text } = capturingLogger();
    log.info({ channel: { accessToken: 'EAAB-page-token' }, headers: { cookie: 'chats_session=abc', authorization: 'Bearer ck_live' }, message: { text: 'hello there' } }, 'something');
    expect(text()).not.toMatch(/EAAB-page-token|chats_session=abc|ck_live|hello there/);
    expect(text()).toContain('[redacted]');
  });

  it('an internal error is logged under a request id that the client gets too', async () => {
    const { log, lines } = capturingLogger();
    let broken = false;
    // the database fails under the resolver, not under the viewer lookup (cached for two seconds)
    const db = new Proxy(rt.deps.db, {
      get(target, prop, receiver) {
        if (broken && prop === 'select') throw new Error('connection reset while reading the inbox of "Anna Müller"');
        return Reflect.get(target, prop, receiver);
      },
    });
    const yoga = createGraphQLServer({ ...rt.deps, db, log });
    const ask = () => yoga.fetch('http://localhost/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: key }, body: JSON.stringify({ query: '{ inboxBadge }' }) });
    expect((await ask()).status).toBe(200);
    broken = true;
    const res = await ask();
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'GraphQL operation failed');
    expect(logged).toMatchObject({ requestId, level: 50, err: { message: expect.stringContaining('connection reset') } });
  });
});
