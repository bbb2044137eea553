import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A commit that takes a turn of the event loop, recording the groups it was given. */
function recorder(failWhen: (items: number[]) => boolean = () => false) {
  const groups: number[][] = [];
  const alone: number[] = [];
  const commit = new GroupCommit<number, string>(
    async (items) => {
      groups.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failWhen(items)) throw new Error('group failed');
      return items.map((i) => `group:${i}`);
    },
    async (item) => {
      alone.push(item);
      if (item === 13) throw new Error('13 is refused');
      return `alone:${item}`;
    },
    4,
  );
  return { commit, groups, alone };
}

describe('group commit', () => {
  it('an item that arrives alone is committed at once, by itself', async () => {
    const { commit, groups, alone } = recorder();
    expect(await commit.run(1)).toBe('alone:1');
    expect(groups).toEqual([]);
    expect(alone).toEqual([1]);
  });

  it('items that arrive while a commit runs go together into the next, at most the limit at a time', async () => {
    const { commit, groups } = recorder();
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => commit.run(i)));
    // 1 alone (nothing was running), then 2–5 and 6–7 in groups of at most 4
    expect(results).toEqual(['alone:1', 'group:2', 'group:3', 'group:4', 'group:5', 'group:6', 'group:7']);
    expect(groups).toEqual([
      [2, 3, 4, 5],
      [6, 7],
    ]);
  });

  it('a group that fails is committed item by item, and only the item at fault hears an error', async () => {
    const { commit, alone } = recorder((items) => items.includes(13));
    const results = await Promise.allSettled([1, 12, 13, 14].map((i) => commit.run(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'alone:1',
      'alone:12',
      '13 is refused',
      'alone:14',
    ]);
    expect(alone).toEqual([1, 12, 13, 14]);
  });
});
