import { eq } from 'drizzle-orm';
import { addressBucket } from '../../auth/client-address';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import type { RateLimits } from '../../auth/rate-limits';
import { randomToken } from '../../auth/tokens';
import type { Executor } from '../../db/client';
import { employees } from '../../db/schema';
import { createSession } from './sessions';

export type SignIn =
  | { outcome: 'signedIn'; session: { token: string; expiresAt: Date } }
  /** Wrong e-mail or password (alike); `retryAfter` when this failure starts a wait. */
  | { outcome: 'refused'; retryAfter?: number }
  | { outcome: 'throttled'; retryAfter: number };

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address, as server.ts recorded it. */
  address: string | null;
  /** The browser, shown in the employee's list of sessions. */
  userAgent?: string | null;
}

/**
 * Checks e-mail and password. An unknown e-mail costs what a wrong password costs (a password is
 * verified against a stand-in hash) and answers the same. Wrong passwords in a row make the
 * e-mail, and the address they come from, wait longer each time; a right one clears the e-mail's run.
 */
export async function logIn(deps: { db: Executor; limits: RateLimits }, attempt: SignInAttempt): Promise<SignIn> {
  const { db, limits } = deps;
  const account = attempt.email.trim().toLowerCase();
  const address = addressBucket(attempt.address);
  const wait = max(
    await limits.signIn.take(address),
    await limits.signInByAccount.waiting(account),
    await limits.signInByAddress.waiting(address),
  );
  if (wait !== null) return { outcome: 'throttled', retryAfter: wait };

  const [employee] = await db.select().from(employees).where(eq(employees.email, account));
  const matches = await verifyPassword(employee?.passwordHash ?? (await standInHash()), attempt.password);
  if (!employee || !matches) {
    const waits = await Promise.all([limits.signInByAccount.fail(account), limits.signInByAddress.fail(address)]);
    const retryAfter = max(...waits);
    return retryAfter === null ? { outcome: 'refused' } : { outcome: 'refused', retryAfter };
  }
  await limits.signInByAccount.forget(account);
  // a deactivated employee answers like a wrong password (decision 010)
  const session = await createSession(db, employee.id, attempt.userAgent);
  return session ? { outcome: 'signedIn', session } : { outcome: 'refused' };
}

let standIn: Promise<string> | undefined;

/** A hash made like every stored one, of a password nobody knows: made once per process. */
function standInHash(): Promise<string> {
  return (standIn ??= hashPassword(randomToken()));
}

function max(...values: (number | null)[]): number | null {
  const set = values.filter((v): v is number => v !== null);
  return set.length ? Math.max(...set) : null;
}
