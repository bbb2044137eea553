import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../channels/types';
import { contacts, jobs } from '../../db/schema';
import { PROFILE_MAX_AGE_MS, scheduleProfileRefresh } from '../../domain/contacts/profile';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel } from '../helpers/factories';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(DRIVERS)('fetching customer profiles again (%s)', (driver) => {
  let rt: BootedRuntime;
  let channelId: string;
  let platformDown = true;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const real = rt.deps.channels;
    rt.deps.channels = {
      ...real,
      fetchProfile: async () => {
        if (platformDown) throw new ChannelSendError('transient', 'Meta had a temporary problem handling the request; it can be retried.');
        return { displayName: 'Mara Lind' };
      },
    };
    channelId = (await makeChannel(rt.deps)).id;
  });
  afterAll(async () => {
    await rt?.close();
  });

  async function newContact(externalId: string) {
    const [contact] = await rt.deps.db.insert(contacts).values({ channelId, externalId }).returning();
    return contact.id;
  }

  /** The customer writes at `at`: is a profile job queued? */
  const writesAt = (contactId: string, at: number) => rt.deps.db.transaction((tx) => scheduleProfileRefresh(tx, contactId, new Date(at)));

  /** Runs the queued profile job through all its attempts, without waiting out the backoff. */
  async function runProfileJobs() {
    for (let round = 0; round < 5; round++) {
      await rt.deps.db.update(jobs).set({ runAt: new Date(0) }).where(and(eq(jobs.kind, 'fetch-profile'), eq(jobs.state, 'QUEUED')));
      await rt.jobs.drain();
    }
  }

  it('a profile job that fails on every attempt is tried again after an hour, not a week', async () => {
    platformDown = true;
    const contactId = await newContact('6600000000000101');
    expect(await writesAt(contactId, Date.now())).toBe(true);
    await runProfileJobs();
    const failed = await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'fetch-profile'));
    expect(failed.map((j) => j.state)).toEqual(['FAILED']);

    expect(await writesAt(contactId, Date.now() + 30 * MINUTE)).toBe(false);
    expect(await writesAt(contactId, Date.now() + 61 * MINUTE)).toBe(true);
  });

  it('failures in a row wait longer each time (1 h, then 4 h), never more than a week', async () => {
    platformDown = true;
    const contactId = await newContact('6600000000000102');
    await writesAt(contactId, Date.now());
    await runProfileJobs();
    expect(await writesAt(contactId, Date.now() + 61 * MINUTE)).toBe(true);
    await runProfileJobs();
    // the second failure in a row: four hours
    expect(await writesAt(contactId, Date.now() + 3 * HOUR)).toBe(false);
    expect(await writesAt(contactId, Date.now() + 4 * HOUR + MINUTE)).toBe(true);
  });

  it('a profile that was fetched is fresh for a week', async () => {
    platformDown = false;
    const contactId = await newContact('6600000000000103');
    await writesAt(contactId, Date.now());
    await runProfileJobs();
    const [contact] = await rt.deps.db.select().from(contacts).where(eq(contacts.id, contactId));
    expect(contact.displayName).toBe('Mara Lind');
    expect(await writesAt(contactId, Date.now() + 2 * HOUR)).toBe(false);
    expect(await writesAt(contactId, Date.now() + 6 * 24 * HOUR)).toBe(false);
    expect(await writesAt(contactId, Date.now() + PROFILE_MAX_AGE_MS + MINUTE)).toBe(true);
  });
});
