/** SP-API calls the in-process simulator received, per operation, counted from a starting point. */
import type { SimulatorHandle } from '../../../backend/simulator/index';

export type CallCounts = Record<string, number>;

export function callsNow(sim: SimulatorHandle): CallCounts {
  const c = sim.state().counters as { calls: CallCounts };
  return { ...c.calls };
}

/** Calls made since `before` (operations with at least one, matching `only` when given), and their total. */
export function callsSince(
  sim: SimulatorHandle,
  before: CallCounts,
  only?: RegExp,
): { total: number; byOperation: [string, number][]; text: string } {
  const byOperation = Object.entries(callsNow(sim))
    .map(([op, n]) => [op, n - (before[op] ?? 0)] as [string, number])
    .filter(([op, n]) => n > 0 && (!only || only.test(op)));
  const total = byOperation.reduce((a, [, n]) => a + n, 0);
  return { total, byOperation, text: byOperation.map(([op, n]) => `${op} ${n}`).join(', ') };
}
