/**
 * Group commit (docs/decisions/029, 035): work that arrives while a group is at work waits and
 * goes into the next group, so twenty webhooks arriving together cost one transaction instead of
 * twenty, and a webhook that arrives alone waits for nothing. When a group fails, each of its
 * items is committed alone, so one bad item (or a deadlock with another process's group) costs the
 * others time, never their data, and each caller still gets its own answer or its own error.
 *
 * One group is at work at a time. A group says when its work is done (`workDone`: its rows are
 * written and locked, only the commit is left); the next group starts then, while the first waits
 * for the disk. Rows both touch are still taken in arrival order: the later group waits on the
 * earlier one's locks until it has committed.
 */
export class GroupCommit<I, R> {
  private waiting: Array<{ item: I; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private working = 0;
  private committing = 0;

  constructor(
    private readonly commitGroup: (items: I[], workDone: () => void) => Promise<R[]>,
    private readonly commitAlone: (item: I, workDone: () => void) => Promise<R>,
    private readonly maxGroup: number,
    /** Groups waiting for their commit while the next one works: each holds a connection. */
    private readonly maxCommitting = 2,
  ) {}

  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next() {
    while (this.working === 0 && this.committing < this.maxCommitting && this.waiting.length > 0) {
      this.working++;
      const group = this.waiting.splice(0, this.maxGroup);
      let done = false;
      const workDone = () => {
        if (done) return;
        done = true;
        this.working--;
        this.committing++;
        this.next();
      };
      void this.commit(group, workDone).finally(() => {
        if (done) this.committing--;
        else this.working--;
        this.next();
      });
    }
  }

  private async commit(group: typeof this.waiting, workDone: () => void) {
    if (group.length > 1) {
      try {
        const results = await this.commitGroup(
          group.map((g) => g.item),
          workDone,
        );
        group.forEach((g, i) => g.resolve(results[i]));
        return;
      } catch {
        // each on its own below: its own error, if it has one, is the one its caller hears
      }
    }
    // alone, the group's slot is held until every item has answered
    const alone = group.length === 1 ? workDone : () => {};
    await Promise.all(group.map((g) => this.commitAlone(g.item, alone).then(g.resolve, g.reject)));
  }
}
