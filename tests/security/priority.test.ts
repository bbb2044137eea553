import { describe, expect, it } from 'vitest';
import { createPriority } from '../../auth/priority';

describe('a flooding key\'s operations in the background', () => {
  it('start one at a time once no other operation runs, and none waits longer than its limit', async () => {
    const priority = createPriority(true, 300);
    const started: string[] = [];
    const busy = priority.foreground();
    const first = priority.background().then((end) => (started.push('first'), end));
    const second = priority.background().then((end) => (started.push('second'), end));
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual([]);
    busy();
    const endFirst = await first;
    expect(started).toEqual(['first']);
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual(['first']);
    endFirst();
    (await second)();
    expect(started).toEqual(['first', 'second']);

    // a foreground operation that never ends holds nobody longer than the limit
    priority.foreground();
    const t = performance.now();
    (await priority.background())();
    expect(performance.now() - t).toBeGreaterThanOrEqual(280);
    expect(priority.running()).toEqual({ foreground: 1, background: 0 });
  });
});
