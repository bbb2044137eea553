/**
 * Group commit (docs/decisions/029): work that arrives while a group is being committed waits and
 * goes into the next group, so twenty webhooks arriving together cost one transaction instead of
 * twenty, and a webhook that arrives alone waits for nothing. When a group fails, each of its
 * items is committed alone, so one bad item (or a deadlock with another process's group) costs the
 * others time, never their data, and each caller still gets its own answer or its own error.
 */
export class GroupCommit<I, R> {
  private waiting: Array<{ item: I; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly commitGroup: (items: I[]) => Promise<R[]>,
    private readonly commitAlone: (item: I) => Promise<R>,
    private readonly maxGroup: number,
    private readonly maxInFlight = 1,
  ) {}

  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next() {
    while (this.running < this.maxInFlight && this.waiting.length > 0) {
      this.running++;
      const group = this.waiting.splice(0, this.maxGroup);
      void this.commit(group).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  private async commit(group: typeof this.waiting) {
    if (group.length > 1) {
      try {
        const results = await this.commitGroup(group.map((g) => g.item));
        group.forEach((g, i) => g.resolve(results[i]));
        return;
      } catch {
        // each on its own below: its own error, if it has one, is the one its caller hears
      }
    }
    await Promise.all(group.map((g) => this.commitAlone(g.item).then(g.resolve, g.reject)));
  }
}
