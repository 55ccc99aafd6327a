/**
 * Conformance of the production handlers (../conformance/): the APIs whose planners and handlers are done
 * pass at least 95 % of their static cases, and a handler that answers wrongly makes a case fail.
 */
import assert from 'node:assert/strict';
import { runCase, runConformance, tally } from '../conformance/runner';
import { PLANS, apiName } from '../conformance/plans/index';
import { startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

/**
 * The APIs held to the bar in this test; extend it as an API's cases are brought up (MODELLED_APIS lists
 * every API the local Amazon models). Feeds, Reports, Listings Items and Catalog Items are not yet here:
 * their failing cases are listed in the README's conformance table.
 */
const HELD_TO_95: readonly string[] = [
  'Sellers v1',
  'Tokens 2021-03-01',
  'Listings Restrictions 2021-08-01',
  'Product Type Definitions 2020-09-01',
];

describe('simulator conformance of the production handlers', function () {
  this.timeout(60_000);
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator({ validateResponses: false });
  });
  after(async () => sim.close());

  it('passes at least 95 % of the static cases of each API held to the bar', async () => {
    const results = await runConformance(sim, (op) => HELD_TO_95.includes(apiName(op.modelId)));
    const rows = tally(results);
    assert.deepEqual(rows.map((r) => r.api).sort(), [...HELD_TO_95].sort());
    for (const r of rows) {
      const failed = results.filter((x) => x.api === r.api && !x.passed).map((x) => `${x.operationId} ${x.index}: ${x.reason}`);
      assert.ok(r.passed / (r.passed + r.failed) >= 0.95, `${r.api}: ${r.passed} passed, ${r.failed} failed\n${failed.join('\n')}`);
    }
  });

  it('fails a case whose resource the world does not hold', async () => {
    // getReportSchedule case 0 with its planner passes; the same case with a schedule id nobody seeded gets a
    // 404 from the handler, and the runner must say so.
    const op = sim.sim.models.operations.find((o) => o.operationId === 'getReportSchedule');
    assert.ok(op);
    const c = op.sandboxCases.find((x) => x.status === 200);
    assert.ok(c);
    const planned = await runCase(sim, op, c, 0);
    assert.equal(planned.passed, true, planned.reason);
    const unseeded = { ...c, request: { parameters: { reportScheduleId: { value: '50000000001' } } } };
    const plans = PLANS['reports_2021-06-30']?.plans ?? {};
    const saved = plans.getReportSchedule;
    delete plans.getReportSchedule;
    try {
      const r = await runCase(sim, op, unseeded, 0);
      assert.equal(r.passed, false, JSON.stringify(r));
      assert.match(r.reason ?? '', /status 404, expected 200/);
    } finally {
      if (saved) plans.getReportSchedule = saved;
    }
  });
});
