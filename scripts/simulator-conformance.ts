/**
 * Conformance of the local Amazon's production handlers: every static case of every model in
 * fixtures/amazon-models is sent to the production host of a world seeded with what the case implies
 * (backend/simulator/conformance/). Prints `N passed, N failed` per API and in total; a case that cannot
 * run counts as failed with its reason. Exit 1 when an API the local Amazon models is under 95 %.
 * Usage: npm run simulator:conformance [-- --verbose] [-- --api "Orders v0"]
 */
import { startTestSimulator } from '../backend/simulator/test/helpers';
import { apiName } from '../backend/simulator/conformance/plans/index';
import { runConformance, tally } from '../backend/simulator/conformance/runner';
import { MODELLED_APIS } from '../backend/simulator/conformance/modelled';

const verbose = process.argv.includes('--verbose');
const apiArg = process.argv.indexOf('--api');
const onlyApi = apiArg > 0 ? process.argv[apiArg + 1] : undefined;

const sim = await startTestSimulator({ validateResponses: false });
const started = Date.now();
const results = await runConformance(sim, onlyApi ? (op) => apiName(op.modelId) === onlyApi : undefined);
await sim.close();

for (const r of results) {
  // A case passed under an upstream erratum is always printed, so the field it leaves out stays visible.
  const erratum = r.errata?.length ? ` (erratum: ${r.errata.join('; ')})` : '';
  if (!r.passed || verbose || erratum)
    console.log(
      `${r.passed ? 'PASS' : 'FAIL'} ${r.api} ${r.operationId} case ${r.index} (${r.status})${r.reason ? `: ${r.reason}` : ''}${erratum}`,
    );
}
console.log('');
const rows = tally(results);
let under = 0;
for (const t of rows) {
  const pct = (100 * t.passed) / (t.passed + t.failed);
  const modelled = MODELLED_APIS.includes(t.api);
  if (modelled && pct < 95) under++;
  console.log(
    `${t.api.padEnd(36)} ${String(t.passed).padStart(3)} passed, ${String(t.failed).padStart(3)} failed  ${pct.toFixed(0).padStart(3)} %${modelled ? '' : '  (not modelled yet)'}`,
  );
}
const passed = results.filter((r) => r.passed).length;
console.log(`\n${results.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(under ? 1 : 0);
