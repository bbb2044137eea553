import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../channels/types';
import type { Tx } from '../../db/client';
import { attachments, messages } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import {
  canMove,
  initialStatus,
  markEchoOfOurs,
  markFailedByPlatform,
  markReceipt,
  markRetried,
  markSendAttemptFailed,
  markSent,
  ownIds,
  partMetadata,
  type MessageStatus,
} from '../../domain/messages/message-status';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel, makeChat } from '../helpers/factories';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const ALL: MessageStatus[] = ['RECEIVED', 'PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED'];
const from = (change: Parameters<typeof canMove>[0]) => ALL.filter((s) => canMove(change, s));

describe('message status rules', () => {
  it('ours starts PENDING, a customer message RECEIVED, ours written elsewhere SENT', () => {
    expect([initialStatus('queued'), initialStatus('inbound'), initialStatus('echo')]).toEqual(['PENDING', 'RECEIVED', 'SENT']);
  });
  it('only a PENDING message becomes SENT', () => expect(from('sent')).toEqual(['PENDING']));
  it('only a SENT message becomes DELIVERED: a late delivery never undoes READ', () => expect(from('delivered')).toEqual(['SENT']));
  it('a SENT or DELIVERED message becomes READ', () => expect(from('read')).toEqual(['SENT', 'DELIVERED']));
  it('the send job fails only a PENDING message', () => expect(from('sendFailed')).toEqual(['PENDING']));
  it('the platform fails a message late only while PENDING or SENT', () => expect(from('failedByPlatform')).toEqual(['PENDING', 'SENT']));
  it('a file that never arrived fails its message whatever the rest became, but not twice', () =>
    expect(from('partFailed')).toEqual(['PENDING', 'SENT', 'DELIVERED', 'READ']));
  it('only a FAILED message is retried', () => expect(from('retry')).toEqual(['FAILED']));
  it('a customer message never moves', () => {
    for (const change of ['sent', 'delivered', 'read', 'sendFailed', 'failedByPlatform', 'partFailed', 'retry'] as const) {
      expect(canMove(change, 'RECEIVED')).toBe(false);
    }
  });
  it('the metadata written for a part is read back as our ids; anything else is not ours', () => {
    const m = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const a = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(ownIds(partMetadata(m, null))).toEqual({ messageId: m, attachmentId: null });
    expect(ownIds(partMetadata(m, a))).toEqual({ messageId: m, attachmentId: a });
    expect(ownIds('not-ours')).toEqual({ messageId: null, attachmentId: null });
    expect(ownIds(`${m}#${a}#x`)).toEqual({ messageId: null, attachmentId: null });
    expect(ownIds(undefined)).toEqual({ messageId: null, attachmentId: null });
  });
});

describe.each(DRIVERS)('message status in the database (%s)', (driver) => {
  let rt: BootedRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime(driver);
  });
  afterAll(() => rt?.close());

  async function ours(status: MessageStatus, extra: Partial<typeof messages.$inferInsert> = {}) {
    const channel = await makeChannel(rt.deps);
    const { chat } = await makeChat(rt.deps, channel.id);
    const [row] = await rt.deps.db
      .insert(messages)
      .values({ chatId: chat.id, channelId: channel.id, direction: 'OUTBOUND', status, text: 'Your repair is done', sentAt: new Date(Date.now() - 1000), ...extra })
      .returning();
    return { channel, chat, row };
  }
  const reread = async (id: string) => (await rt.deps.db.select().from(messages).where(eq(messages.id, id)))[0];
  const inTx = <T>(work: (tx: Tx, live: InboxEventRecord[]) => Promise<T>) => {
    const live: InboxEventRecord[] = [];
    return rt.deps.db.transaction((tx) => work(tx as Tx, live)).then((result) => ({ result, live }));
  };

  it('a sent message takes the platform id and is announced; a second "sent" never clears a failure', async () => {
    const { row } = await ours('PENDING', { error: 'Retrying: rate limited' });
    const { live } = await inTx((tx, live) => markSent(tx, live, row, 'mid.1'));
    expect(await reread(row.id)).toMatchObject({ status: 'SENT', providerMessageId: 'mid.1', error: null });
    expect(live.map((e) => [e.type, e.messageId])).toEqual([['MessageUpdated', row.id]]);
    const failed = await ours('FAILED', { error: 'gone' });
    await inTx((tx, live) => markSent(tx, live, failed.row, 'mid.2'));
    expect(await reread(failed.row.id)).toMatchObject({ status: 'FAILED', providerMessageId: 'mid.2', error: 'gone' });
  });

  it('a failed attempt stays PENDING and says it is retried; the last one is a visible FAILED', async () => {
    const { row } = await ours('PENDING');
    const error = new ChannelSendError('rate_limit', 'Too many messages', 613);
    await inTx((tx, live) => markSendAttemptFailed(tx, live, row, error, false));
    expect(await reread(row.id)).toMatchObject({ status: 'PENDING', error: 'Retrying: Too many messages', errorCode: 'RATE_LIMIT:613' });
    await inTx((tx, live) => markSendAttemptFailed(tx, live, row, error, true));
    expect(await reread(row.id)).toMatchObject({ status: 'FAILED', error: 'Too many messages' });
  });

  it('Retry takes a FAILED message back to PENDING with the reason cleared', async () => {
    const { row } = await ours('FAILED', { error: 'gone', errorCode: 'PERMANENT' });
    const { result } = await inTx((tx, live) => markRetried(tx, live, row));
    expect(result).toMatchObject({ status: 'PENDING', error: null, errorCode: null });
  });

  it('receipts move forward only: read implies delivered, and a late delivery leaves READ alone', async () => {
    const { chat, row } = await ours('SENT', { providerMessageId: 'mid.r' });
    const at = new Date();
    await inTx((tx, live) => markReceipt(tx, live, chat, { read: true, at, providerMessageIds: ['mid.r'] }));
    expect(await reread(row.id)).toMatchObject({ status: 'READ', readAt: at, deliveredAt: at });
    const { live } = await inTx((tx, live) => markReceipt(tx, live, chat, { read: false, at: new Date(), providerMessageIds: ['mid.r'] }));
    expect((await reread(row.id)).status).toBe('READ');
    expect(live).toEqual([]);
  });

  it('the platform fails a SENT message late, but not a READ one', async () => {
    const error = { kind: 'permanent' as const, code: 131047, message: 'More than 24 hours have passed' };
    const sent = await ours('SENT', { providerMessageId: 'wamid.late' });
    await inTx((tx, live) => markFailedByPlatform(tx, live, sent.channel.id, { providerMessageId: 'wamid.late', error }));
    expect(await reread(sent.row.id)).toMatchObject({ status: 'FAILED', errorCode: 'PERMANENT:131047' });
    const read = await ours('READ', { providerMessageId: 'wamid.read' });
    await inTx((tx, live) => markFailedByPlatform(tx, live, read.channel.id, { providerMessageId: 'wamid.read', error }));
    expect((await reread(read.row.id)).status).toBe('READ');
  });

  it('a file that never arrived fails its READ message and gives up its id, so Retry sends it again', async () => {
    const { channel, row } = await ours('READ', { providerMessageId: 'wamid.text' });
    const [file] = await rt.deps.db.insert(attachments).values({ messageId: row.id, kind: 'image', fileName: 'plan.png', providerMessageId: 'wamid.file' }).returning();
    const error = { kind: 'permanent' as const, message: 'Media upload error' };
    await inTx((tx, live) => markFailedByPlatform(tx, live, channel.id, { providerMessageId: 'wamid.file', metadata: partMetadata(row.id, file.id), error }));
    expect(await reread(row.id)).toMatchObject({ status: 'FAILED', error: '"plan.png" was not delivered: Media upload error' });
    const [after] = await rt.deps.db.select().from(attachments).where(eq(attachments.id, file.id));
    expect(after.providerMessageId).toBeNull();
  });

  it('an echo of our PENDING message makes it SENT; an echo of one of our files only notes the file', async () => {
    const { channel, row } = await ours('PENDING');
    const [file] = await rt.deps.db.insert(attachments).values({ messageId: row.id, kind: 'image', fileName: 'a.png' }).returning();
    expect(await inTx((tx, live) => markEchoOfOurs(tx, live, channel.id, { providerMessageId: 'mid.f', metadata: partMetadata(row.id, file.id) })).then((r) => r.result)).toBe(true);
    expect((await reread(row.id)).status).toBe('PENDING');
    expect(await inTx((tx, live) => markEchoOfOurs(tx, live, channel.id, { providerMessageId: 'mid.t', metadata: partMetadata(row.id, null) })).then((r) => r.result)).toBe(true);
    expect(await reread(row.id)).toMatchObject({ status: 'SENT', providerMessageId: 'mid.t' });
    expect(await inTx((tx, live) => markEchoOfOurs(tx, live, channel.id, { providerMessageId: 'mid.elsewhere' })).then((r) => r.result)).toBe(false);
  });
});
