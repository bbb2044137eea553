import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A commit that takes a turn of the event loop, recording the groups it was given. */
function recorder(failWhen: (items: number[]) => boolean = () => false) {
  const groups: number[][] = [];
  const alone: number[] = [];
  const commit = new GroupCommit<number, string>(
    async (items, workDone) => {
      groups.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      workDone();
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

  it('the next group starts once the one before has done its work, while that one commits, and never sooner', async () => {
    const log: string[] = [];
    const gate = () => {
      let open!: () => void;
      return { opened: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
    };
    const firstWork = gate();
    const firstCommit = gate();
    const commit = new GroupCommit<number, string>(
      async (items, workDone) => {
        log.push(`work ${items.join(',')}`);
        workDone();
        return items.map(String);
      },
      async (item, workDone) => {
        log.push(`work ${item}`);
        await firstWork.opened;
        workDone();
        log.push(`committing ${item}`);
        await firstCommit.opened;
        log.push(`committed ${item}`);
        return String(item);
      },
      4,
    );
    const answers = [commit.run(1), commit.run(2), commit.run(3)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    // 1 is at work: 2 and 3 wait
    expect(log).toEqual(['work 1']);
    firstWork.open();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // 1 commits; 2 and 3 have done their work as a group meanwhile
    expect(log).toEqual(['work 1', 'work 2,3', 'committing 1']);
    firstCommit.open();
    expect(await Promise.all(answers)).toEqual(['1', '2', '3']);
  });

  it('at most the given number of groups wait for their commit at once', async () => {
    let committing = 0;
    let most = 0;
    /** Work done at once, then a commit that takes a while. */
    const slowCommit = async <T,>(result: T, workDone: () => void) => {
      workDone();
      most = Math.max(most, ++committing);
      await new Promise((resolve) => setTimeout(resolve, 5));
      committing--;
      return result;
    };
    const commit = new GroupCommit<number, number>(slowCommit, slowCommit, 2, 3);
    const items = Array.from({ length: 30 }, (_, i) => i);
    expect(await Promise.all(items.map((i) => commit.run(i)))).toEqual(items);
    expect(most).toBe(3);
  });
});
