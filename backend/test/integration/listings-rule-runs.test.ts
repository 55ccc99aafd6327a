/**
 * Listing rule runs: saving a rule applies it in the background, chunk by chunk, with progress. With a chunk of
 * 3 products the harness catalog (13 products, a configurable family of 3) takes several chunks; each test
 * compares the listings a run leaves with what one full apply in a single transaction (the old behaviour,
 * computed and rolled back) produces from the same starting point.
 */
import assert from 'node:assert/strict';
import { applyRule } from '../../src/listings/rules/apply';
import { eligibilityScope } from '../../src/listings/rules/rule-context';
import { RUN_CHUNK_SIZE, type RuleRun } from '../../src/listings/rules/runs.service';
import { storeContext } from '../../src/listings/store-context';
import type { Knex } from 'knex';
import { ALL, cond, startListingsHarness, type ListingsHarness, type RuleRunBody } from './listings-harness';

const EAN_RULE = ALL([cond('attribute', 'is_not_empty', undefined, 'ean')]);
const PRICEY_RULE = ALL([cond('price', 'gte', 25)]);

class RolledBack extends Error {}

describe('listing rule runs', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  const runs = () => h.app.listings.ruleRuns;
  before(async () => {
    h = await startListingsHarness();
    // A listing whose catalog product is later deleted: a full apply withdraws it; the run's last chunk must too.
    const base = await h.db.knex('websites').where({ code: 'base' }).first('id');
    const set = await h.db.knex('attribute_sets').where({ code: 'default' }).first('id');
    const now = '2026-11-20 10:00:00.000';
    const [gone] = await h.db.knex('products').insert({
      sku: 'GONE',
      type: 'simple',
      name: 'Discontinued',
      price: 40,
      attribute_set_id: set.id,
      status: 'enabled',
      visibility: 'catalog_search',
      created_at: now,
      updated_at: now,
    });
    await h.db.knex('product_websites').insert({ product_id: gone, website_id: base.id });
  });
  after(async () => h?.close());
  afterEach(() => {
    runs().chunkSize = RUN_CHUNK_SIZE;
    runs().hooks = {};
  });

  /** The store's listings as an admin sees them: sku, status, parent, variation theme. */
  type ListingView = {
    sku: string;
    status: string;
    status_reason: string | null;
    is_parent: number;
    variation_theme: string | null;
    parent: string | null;
  };
  async function listings(db: Knex = h.db.knex): Promise<ListingView[]> {
    const rows = (await db('listings as l')
      .leftJoin('listings as pl', 'pl.id', 'l.parent_listing_id')
      .where('l.store_id', h.storeId)
      .orderBy('l.sku')
      .select('l.sku', 'l.status', 'l.status_reason', 'l.is_parent', 'l.variation_theme', 'pl.sku as parent')) as Record<string, unknown>[];
    return rows.map((r) => ({ ...r, is_parent: Number(r.is_parent) }) as ListingView);
  }

  /** What the old apply (everything in one transaction) would leave and count — rolled back afterwards. */
  async function oneTransactionApply(conditions: unknown) {
    const app = h.app;
    const ctx = await storeContext(app, h.storeId);
    const scope = await eligibilityScope(app, app.db, ctx, conditions as never);
    const settings = await app.listings.settings.settingsFor(ctx);
    let outcome: { rows: ListingView[]; counts: Record<string, number> } | null = null;
    await app.db
      .transaction(async (trx) => {
        const r = await applyRule(app, trx, ctx, settings, scope);
        outcome = {
          rows: await listings(trx),
          counts: { created: r.created, madeIneligible: r.madeIneligible, madeEligible: r.madeEligible },
        };
        throw new RolledBack();
      })
      .catch((err: unknown) => {
        if (!(err instanceof RolledBack)) throw err;
      });
    return outcome!;
  }

  const put = async (conditions: unknown) => {
    const res = await h.api({ method: 'PUT', url: `/api/stores/${h.storeId}/listing-rule`, payload: { conditions } });
    assert.equal(res.statusCode, 202, res.body);
    return res.json<RuleRunBody>();
  };
  const latest = async () => (await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listing-rule/runs/latest` })).json<RuleRunBody>();
  const counts = (r: RuleRunBody) => ({ created: r.created, madeIneligible: r.madeIneligible, madeEligible: r.madeEligible });

  it('a run over several chunks reports increasing progress and ends with the listings one transaction would make', async () => {
    // Chunks of 2: many chunks, and the TEE family (a configurable and two children) is bigger than one.
    for (const rule of [ALL(), EAN_RULE, PRICEY_RULE, ALL()]) {
      const expected = await oneTransactionApply(rule);
      runs().chunkSize = 2;
      const seen: number[] = [];
      runs().hooks = { afterChunk: (run: RuleRun) => void seen.push(run.done) };
      const queued = await put(rule);
      // More than one chunk: the request only queues it; progress is polled.
      assert.equal(queued.status, 'queued');
      assert.ok(queued.total > 3, `total ${queued.total}`);
      assert.equal((await latest()).id, queued.id);
      const done = await h.finishRun(queued);
      assert.equal(done.status, 'done', done.error ?? '');
      assert.ok(seen.length > 1, `chunks ${seen.length}`);
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => a - b),
      );
      assert.ok(seen.every((n, i) => i === 0 || n > seen[i - 1]!));
      assert.equal(done.done, done.total);
      assert.deepEqual(await listings(), expected.rows);
      assert.deepEqual(counts(done), expected.counts);
    }
    // The product behind a listing is deleted: the next run's last chunk withdraws the listing, as a full apply does.
    await h.db.knex('products').where({ sku: 'GONE' }).del();
    const expected = await oneTransactionApply(ALL());
    assert.equal(expected.rows.find((r) => r.sku === 'GONE')?.status, 'ineligible');
    runs().chunkSize = 3;
    const done = await h.finishRun(await put(ALL()));
    assert.deepEqual(await listings(), expected.rows);
    assert.deepEqual(counts(done), expected.counts);
  });

  it('a run of at most one chunk is done inside the save request', async () => {
    const expected = await oneTransactionApply(EAN_RULE);
    const run = await put(EAN_RULE);
    assert.equal(run.status, 'done');
    assert.equal(run.done, run.total);
    assert.deepEqual(counts(run), expected.counts);
    assert.deepEqual(await listings(), expected.rows);
  });

  it('a new save supersedes a run in flight; the new run covers everything', async () => {
    runs().chunkSize = 3;
    runs().hooks = { afterChunk: () => 'stop' };
    const first = await put(ALL());
    const stopped = await runs().drive(first.id);
    assert.equal(stopped.status, 'running');
    assert.ok(stopped.done > 0 && stopped.done < stopped.total);

    runs().hooks = {};
    const expected = await oneTransactionApply(PRICEY_RULE);
    const second = await put(PRICEY_RULE);
    assert.equal((await runs().get(first.id)).status, 'superseded');
    // The superseded run's driver changes nothing more.
    const before = await listings();
    assert.equal((await runs().drive(first.id)).status, 'superseded');
    assert.deepEqual(await listings(), before);
    const done = await h.finishRun(second);
    assert.equal(done.status, 'done');
    assert.deepEqual(await listings(), expected.rows);
  });

  it('a run interrupted after a chunk (a crash) is resumed by the job and completes without duplicates', async () => {
    await h.finishRun(await put(PRICEY_RULE));
    const expected = await oneTransactionApply(EAN_RULE);
    runs().chunkSize = 3;
    runs().hooks = { afterChunk: (_run, index) => (index === 1 ? 'stop' : undefined) };
    const run = await put(EAN_RULE);
    const interrupted = await runs().drive(run.id);
    assert.equal(interrupted.status, 'running');
    assert.ok(interrupted.done > 0 && interrupted.done < interrupted.total);
    runs().hooks = {};
    // The next start: the scheduler's job finds the running run and carries on after its last chunk.
    const outcome = await h.app.jobs.runNow('listings.rule-runs');
    assert.ok(outcome.ran);
    const done = await runs().get(run.id);
    assert.equal(done.status, 'done');
    assert.deepEqual(await listings(), expected.rows);
    assert.deepEqual(counts(done as unknown as RuleRunBody), expected.counts);
    const dupes = await h.db
      .knex('listings')
      .where('store_id', h.storeId)
      .groupBy('sku')
      .having(h.db.knex.raw('count(*) > 1'))
      .select('sku');
    assert.deepEqual(dupes, []);
  });

  it('a chunk that fails rolls back, the run shows the error, and Retry carries on to the same result', async () => {
    await h.finishRun(await put(PRICEY_RULE));
    const expected = await oneTransactionApply(ALL());
    runs().chunkSize = 3;
    runs().hooks = {
      inChunk: (_run, index) => {
        if (index === 1) throw new Error('disk full (test)');
      },
    };
    const run = await put(ALL());
    const failed = await runs().drive(run.id);
    assert.equal(failed.status, 'failed');
    const shown = await latest();
    assert.equal(shown.status, 'failed');
    assert.equal(shown.error, 'disk full (test)');
    runs().hooks = {};
    const res = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listing-rule/runs/${run.id}/retry` });
    assert.equal(res.statusCode, 202, res.body);
    const done = await h.finishRun(res.json());
    assert.equal(done.status, 'done');
    assert.equal(done.error, null);
    assert.deepEqual(await listings(), expected.rows);
    assert.deepEqual(counts(done), expected.counts);
    // Only a failed run can be retried.
    const again = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listing-rule/runs/${run.id}/retry` });
    assert.equal(again.statusCode, 409);
  });

  it('a rule that does not validate is refused with 400 and queues no run; unknown runs are 404', async () => {
    const before = await latest();
    const res = await h.api({
      method: 'PUT',
      url: `/api/stores/${h.storeId}/listing-rule`,
      payload: { conditions: ALL([cond('attribute', 'eq', 'x', 'nope')]) },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /body\.conditions\.conditions\[0\]\.attribute/);
    assert.equal((await latest()).id, before.id);
    const missing = await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listing-rule/runs/99999` });
    assert.equal(missing.statusCode, 404);
  });
});
