/**
 * Business time for the channel: authorization countdowns, expiry notices, consent `state` lifetimes.
 * Real time by default. Tests and the simulator demo make it follow the simulator's clock, so
 * "advance Amazon's clock 340 days" moves the channel's countdown too; leases and sessions stay on real time.
 */
export class Clock {
  private source: () => Date = () => new Date();

  now(): Date {
    return this.source();
  }

  nowMs(): number {
    return this.now().getTime();
  }

  /** Read time from elsewhere (e.g. `app.clock.follow(() => sim.clock.now())`). */
  follow(source: () => Date): void {
    this.source = source;
  }
}

export const DAY_MS = 86_400_000;
