/** Order statistics for the benchmarks: every figure they print comes from these. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export const median = (samples: readonly number[]) => percentile(samples, 0.5);

/** a / b rounded for a report; 0 when b is 0, so a report never prints Infinity. */
export const ratio = (a: number, b: number, digits = 2) => (b === 0 ? 0 : +(a / b).toFixed(digits));

/**
 * Times two ways of doing the same thing in alternation (so drift in the machine's load hits both
 * alike), after `warmup` untimed rounds of each. Milliseconds per round.
 */
export async function timeAlternating(a: () => Promise<void>, b: () => Promise<void>, rounds: number, warmup = 0): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await a();
    times.a.push(performance.now() - t);
    t = performance.now();
    await b();
    times.b.push(performance.now() - t);
  }
  return times;
}
