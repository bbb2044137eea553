import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from '../../channels/whatsapp/parse-webhook';
import { messages } from '../../db/schema';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel, makeChat } from '../helpers/factories';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const fixture = JSON.parse(readFileSync(new URL('../../channels/whatsapp/fixtures/status-failed.json', import.meta.url), 'utf8'));
const status = fixture.entry[0].changes[0].value.statuses[0];

describe.each(DRIVERS)('WhatsApp statuses (%s)', (driver) => {
  let rt: BootedRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime(driver);
  });
  afterAll(() => rt?.close());

  it('a failed status turns our sent message into a visible FAILED with a readable reason, once', async () => {
    const channel = await makeChannel(rt.deps, { kind: 'WHATSAPP', externalId: fixture.entry[0].changes[0].value.metadata.phone_number_id });
    const { chat } = await makeChat(rt.deps, channel.id, { psid: status.recipient_id });
    const [ours] = await rt.deps.db
      .insert(messages)
      .values({ chatId: chat.id, channelId: channel.id, direction: 'OUTBOUND', status: 'SENT', text: 'Your repair is done', providerMessageId: status.id })
      .returning();
    const events = parseWhatsAppWebhook(fixture);
    const first = await ingestEvents(rt.deps, 'whatsapp', 'WHATSAPP', events);
    expect(first.stored).toBeGreaterThan(0);
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, ours.id));
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/24 hours/);
    const again = await ingestEvents(rt.deps, 'whatsapp', 'WHATSAPP', parseWhatsAppWebhook(fixture));
    expect(again.stored).toBe(0);
  });
});
