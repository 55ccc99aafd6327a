/**
 * The simulator's clock. Token lifetimes, authorization age (365 days), rate-limit refill and
 * processing delays are measured on this clock, so tests can jump ahead instead of sleeping.
 * It runs with real time plus an offset; `advance()` grows the offset.
 */
export interface SimClock {
  now(): Date;
  nowMs(): number;
  advance(seconds: number): void;
  /** Puts the clock at a given moment, earlier or later (the conformance runner replays a case at its own time). */
  setNowMs(ms: number): void;
}

export function createClock(startAt?: string | Date): SimClock {
  const start = startAt === undefined ? Date.now() : new Date(startAt).getTime();
  if (Number.isNaN(start)) throw new Error(`invalid clock start: ${String(startAt)}`);
  let offsetMs = start - Date.now();
  return {
    nowMs: () => Date.now() + offsetMs,
    now: () => new Date(Date.now() + offsetMs),
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new Error('advanceSeconds must be a non-negative number');
      offsetMs += seconds * 1000;
    },
    setNowMs(ms: number) {
      if (!Number.isFinite(ms)) throw new Error('setNowMs needs a finite time');
      offsetMs = ms - Date.now();
    },
  };
}
