/**
 * The time as the app reads it in a test (`buildDeps(config, { clock })`): it stands still
 * until the test moves it, so a lease, a backoff or a reminder runs out when the test says,
 * not after a real wait. It starts at the real time unless told otherwise, because a few
 * parts of the app (a channel's signature window, web chat tokens) still read the system
 * clock and should not see a different day.
 */
export class TestClock {
  private at: number;

  constructor(start: Date | number = Date.now()) {
    this.at = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.at;
  }

  date(): Date {
    return new Date(this.at);
  }

  /** Moves the time on by `ms` (never back). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`a test clock only moves forward, not by ${ms} ms`);
    this.at += ms;
  }
}
