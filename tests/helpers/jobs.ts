import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';

/** Runs due jobs; with `skipBackoff`, jobs waiting for a retry are made due first (no sleeping in tests). */
export async function runJobs(rt: BootedRuntime, options: { skipBackoff?: boolean; rounds?: number } = {}) {
  for (let round = 0; round < (options.rounds ?? 1); round++) {
    if (options.skipBackoff) await rt.deps.db.update(jobs).set({ runAt: new Date(0) }).where(eq(jobs.state, 'QUEUED'));
    await rt.jobs.drain();
  }
}
