/**
 * Conformance of the production handlers (../conformance/): every API the local Amazon models
 * (../conformance/modelled.ts) passes at least 95 % of its static cases, and a handler that answers wrongly makes a case fail.
 */
import assert from 'node:assert/strict';
import { runCase, runConformance, tally } from '../conformance/runner';
import { PLANS, apiName } from '../conformance/plans/index';
import { MODELLED_APIS } from '../conformance/modelled';
import { startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

describe('simulator conformance of the production handlers', function () {
  this.timeout(60_000);
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator({ validateResponses: false });
  });
  after(async () => sim.close());

  it('passes at least 95 % of the static cases of every API the local Amazon models', async () => {
    const results = await runConformance(sim, (op) => MODELLED_APIS.includes(apiName(op.modelId)));
    const rows = tally(results);
    assert.deepEqual(rows.map((r) => r.api).sort(), [...MODELLED_APIS].sort());
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
