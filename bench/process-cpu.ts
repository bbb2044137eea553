import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type postgres from 'postgres';

/** The machine's cores, for what a CPU budget allows. */
export const CORES = cpus().length;

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime, stime, cutime, cstime of a process, in ms; null when it is gone or not ours to read. */
function times(pid: number): [number, number, number, number] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command, which may hold spaces: state is field 3, utime field 14
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[11]), Number(fields[12]), Number(fields[13]), Number(fields[14])].map((t) => t * TICK_MS) as [number, number, number, number];
  } catch {
    return null;
  }
}

const parentOf = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
};

/**
 * The CPU a local PostgreSQL server has used so far, all its processes together (ms): the
 * postmaster's own and its finished children's, plus each running child's. Null when the server
 * is not on this machine (BENCH_DATABASE_URL elsewhere) or /proc cannot tell.
 */
export async function postgresCpu(sql: postgres.Sql): Promise<(() => number) | null> {
  const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const postmaster = parentOf(pid);
  if (!postmaster || !times(postmaster)) return null;
  return () => {
    const [u, s, cu, cs] = times(postmaster) ?? [0, 0, 0, 0];
    let total = u + s + cu + cs;
    for (const entry of readdirSync('/proc')) {
      const child = Number(entry);
      if (!child || parentOf(child) !== postmaster) continue;
      const [cu2, cs2] = times(child) ?? [0, 0];
      total += cu2 + cs2;
    }
    return total;
  };
}
