/**
 * Orders v0 answers as untidy as real Amazon's, by default: IsReplacementOrder as the string "false" (a named
 * deviation from the model the response check accepts), whole-second timestamps, a Canceled order that keeps its
 * total and item prices with QuantityOrdered 0, the blocks real answers carry (tax collection, buyer cancel
 * request, automated shipping, delivery dates, flags), and getOrders' upper bound as an ISO time, an epoch-seconds
 * string or nothing (setting `ordersUpperBoundFormat`, `varied` by default).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { asModelled } from '../deviations';
import { javaEpochSeconds } from '../apis/ordersV0-render';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type Json = Record<string, unknown>;
const WHOLE_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const CANCELED = '111-0000003-0000003';

describe('simulator Orders v0: untidy like real Amazon', () => {
  let sim: Sim;
  const sp = () => makeClient(sim);
  const getOrders = (query: Json) =>
    sp().callAPI({ operation: 'getOrders', endpoint: 'orders', query: { MarketplaceIds: [SCENARIO.US], ...query } }) as unknown as Promise<{
      Orders: Json[];
      CreatedBefore?: string;
      LastUpdatedBefore?: string;
    }>;
  const since = () => new Date(sim.clock.nowMs() - 30 * 86_400_000).toISOString();
  const format = async (ordersUpperBoundFormat: string) =>
    assert.equal((await control(sim, 'POST', '/_simulator/settings', { ordersUpperBoundFormat })).status, 200);

  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'the named deviations pass the response check; nothing else may fail it');
    await sim.close();
  });

  it('sends flags, times and blocks the way real answers do', async () => {
    const { Orders } = await getOrders({ CreatedAfter: since() });
    assert.equal(Orders.length, 3);
    for (const o of Orders) {
      assert.equal(o.IsReplacementOrder, 'false', 'a string, as real Amazon sends it');
      assert.equal(o.IsPremiumOrder, false);
      for (const k of [
        'PurchaseDate',
        'LastUpdateDate',
        'EarliestShipDate',
        'LatestShipDate',
        'EarliestDeliveryDate',
        'LatestDeliveryDate',
      ])
        assert.match(String(o[k]), WHOLE_SECONDS, `${k} without milliseconds`);
      assert.deepEqual(o.AutomatedShippingSettings, { HasAutomatedShippingSettings: false });
      assert.ok(o.ShipServiceLevel && o.ShipmentServiceLevelCategory && o.PaymentMethod && o.OrderType);
    }
    const canceled = Orders.find((o) => o.AmazonOrderId === CANCELED)!;
    assert.deepEqual(canceled.OrderTotal, { CurrencyCode: 'USD', Amount: '27.05' }, 'a canceled order keeps its total (price + tax)');
    assert.deepEqual([canceled.NumberOfItemsShipped, canceled.NumberOfItemsUnshipped], [0, 0]);
  });

  it('a canceled item keeps its price with QuantityOrdered 0; US items carry the tax collection block', async () => {
    const { OrderItems } = (await sp().callAPI({
      operation: 'getOrderItems',
      endpoint: 'orders',
      path: { orderId: CANCELED },
    })) as unknown as {
      OrderItems: Json[];
    };
    const item = OrderItems[0]!;
    assert.equal(item.QuantityOrdered, 0);
    assert.deepEqual(item.ItemPrice, { CurrencyCode: 'USD', Amount: '24.99' });
    assert.deepEqual(item.ItemTax, { CurrencyCode: 'USD', Amount: '2.06' });
    assert.deepEqual(item.BuyerRequestedCancel, { IsBuyerRequestedCancel: 'true', BuyerCancelReason: 'Found cheaper somewhere else.' });
    assert.deepEqual(item.TaxCollection, { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' });
    assert.equal(item.IsGift, 'false');
  });

  it('answers the upper bound as an ISO time, an epoch-seconds string, or not at all', async () => {
    await format('iso');
    assert.match(String((await getOrders({ CreatedAfter: since() })).CreatedBefore), WHOLE_SECONDS);
    await format('epoch');
    const epoch = (await getOrders({ LastUpdatedAfter: since() })).LastUpdatedBefore;
    assert.match(String(epoch), /^\d\.\d+E9$/, 'like the sandbox: 1.569521782042E9');
    assert.ok(Math.abs(Number(epoch) * 1000 - (sim.clock.nowMs() - 120_000)) < 5_000, 'now minus the two-minute lag');
    await format('absent');
    const absent = await getOrders({ CreatedAfter: since() });
    assert.equal('CreatedBefore' in absent, false);
    await format('varied');
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const b = (await getOrders({ CreatedAfter: since() })).CreatedBefore;
      seen.add(b === undefined ? 'absent' : WHOLE_SECONDS.test(b) ? 'iso' : 'epoch');
      sim.advance(1);
    }
    assert.deepEqual([...seen].sort(), ['absent', 'epoch', 'iso'], 'three consecutive seconds show every form');
    assert.equal((await control(sim, 'POST', '/_simulator/settings', { ordersUpperBoundFormat: 'bogus' })).status, 400);
  });

  it('prints epoch seconds as Java does and accepts only the named deviations', () => {
    assert.equal(javaEpochSeconds(1_569_521_782_042), '1.569521782042E9');
    assert.equal(javaEpochSeconds(1_569_521_782_000), '1.569521782E9');
    assert.equal(javaEpochSeconds(1_000_000_000_000), '1.0E9');
    const op = { modelId: 'ordersV0' };
    assert.deepEqual(asModelled(op, { payload: { IsReplacementOrder: 'false', IsPrime: 'false' } }), {
      payload: { IsReplacementOrder: false, IsPrime: 'false' },
    });
    assert.deepEqual(asModelled({ modelId: 'sellers' }, { IsReplacementOrder: 'true' }), { IsReplacementOrder: 'true' });
  });
});
