import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type postgres from 'postgres';

/** The machine's cores, for what a CPU budget allows. */
export const CORES = cpus().length;

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** A process's /proc stat fields after its command (which may hold spaces): [0] state, [1] parent, [11] utime. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime, stime, cutime, cstime of a process, in ms; null when it is gone or not ours to read. */
function times(pid: number): [number, number, number, number] | null {
  const fields = statOf(pid);
  return fields && ([11, 12, 13, 14].map((i) => Number(fields[i]) * TICK_MS) as [number, number, number, number]);
}

const parentOf = (pid: number) => {
  const fields = statOf(pid);
  return fields && Number(fields[1]);
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
