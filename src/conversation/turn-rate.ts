/**
 * How many turns a person may take in a minute on this replica: a script or a stuck client
 * cannot make the engine (the classifier, the language model, the database) work flat out.
 * A sliding window of the last minute's turns per person, kept small.
 */
export class TurnRate {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Counts the turn and says whether it may run. */
  allow(personId: string, now: number): boolean {
    const since = now - 60_000;
    const times = (this.recent.get(personId) ?? []).filter((t) => t > since);
    const allowed = times.length < this.perMinute;
    if (allowed) times.push(now);
    this.recent.set(personId, times);
    if (this.recent.size > 10_000) this.forgetIdle(since);
    return allowed;
  }

  private forgetIdle(since: number): void {
    for (const [person, times] of this.recent) if (!times.some((t) => t > since)) this.recent.delete(person);
  }
}
