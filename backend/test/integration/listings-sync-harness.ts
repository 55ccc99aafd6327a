/**
 * The sync engine against the in-process simulator: the whole app with a connected US store (stores
 * harness), listing rows inserted directly (the listings domain writes them in production), a desired
 * state builder, and what the simulator received — direct calls per operation and every feed message.
 */
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import appPlugin from '../../src/app';
import type { DesiredListing } from '../../src/listings/sync/index';
import { toDbTime } from '../../src/db/time';
import { OUTDOOR, startStoresHarness, type StoresHarness } from './stores-harness';

export const US = 'ATVPDKIKX0DER';
export const SELLER = OUTDOOR.sellerId;

export interface SyncHarness extends StoresHarness {
  storeId: number;
  /** Inserts listing rows (no product) with seller SKUs `<prefix>-<n>`; returns their ids in order. */
  addListings(count: number, prefix: string): Promise<number[]>;
  skuOf(listingId: number): Promise<string>;
  setDesired(app: FastifyInstance, listingId: number, desired: DesiredListing | null): Promise<void>;
  /** The simulator's listing (offer price as Amazon shows it), or undefined. */
  simListing(sku: string): { price: string | null; quantity: number | null; status: string[] } | undefined;
  /** Calls the simulator received per operation since the harness started. */
  calls(operation: string): number;
  /** Every message of every feed the simulator received (document decoded), in order. */
  feedMessages(): { feedId: string; messageId: number; sku: string; operationType: string }[];
  /** Moves Amazon's (and the channel's) clock past feed processing. */
  advanceFeeds(): void;
  /** A second app instance on the same database and simulator (a restarted process). */
  restart(): Promise<FastifyInstance>;
}

export function desired(over: Partial<DesiredListing> = {}): DesiredListing {
  return {
    productType: 'PRODUCT',
    asin: 'B0SIM00001',
    condition: 'new_new',
    conditionNote: null,
    price: '19.99',
    currency: 'USD',
    quantity: 5,
    handlingTime: 2,
    parentSku: null,
    variationTheme: null,
    variationAttributes: {},
    isParent: false,
    title: null,
    brand: null,
    identifiers: [],
    ...over,
  };
}

export async function startSyncHarness(options: Parameters<typeof startStoresHarness>[0] = {}): Promise<SyncHarness> {
  const h = await startStoresHarness(options);
  const store = await h.createStore();
  const connected = await h.connect(store.id, OUTDOOR);
  if (connected.statusCode !== 200) throw new Error(`connect: ${connected.statusCode}`);
  const extraApps: FastifyInstance[] = [];
  const knex = h.db.knex;
  const sim = h.sim;
  return {
    ...h,
    storeId: store.id,
    async addListings(count, prefix) {
      const now = toDbTime();
      const ids: number[] = [];
      const rows = Array.from({ length: count }, (_, i) => ({
        store_id: store.id,
        product_id: null,
        sku: `${prefix}-${i + 1}`,
        seller_sku: `${prefix}-${i + 1}`,
        status: 'list_in_progress',
        created_at: now,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 300) await knex('listings').insert(rows.slice(i, i + 300));
      const stored = await knex('listings').where('seller_sku', 'like', `${prefix}-%`).select('id', 'seller_sku');
      const bySku = new Map(stored.map((r: { id: number; seller_sku: string }) => [r.seller_sku, Number(r.id)]));
      for (const r of rows) ids.push(bySku.get(r.seller_sku) ?? 0);
      return ids;
    },
    async skuOf(listingId) {
      const r = await knex('listings').where({ id: listingId }).first('seller_sku');
      return String(r.seller_sku);
    },
    setDesired(app, listingId, d) {
      return app.db.transaction((trx) => app.listingsSync.setDesired(trx, listingId, d));
    },
    simListing(sku) {
      const rec = sim.sim.world.listings.get(SELLER, US, sku);
      if (!rec) return undefined;
      const offer = (
        rec.attributes.purchasable_offer as { our_price?: { schedule?: { value_with_tax?: unknown }[] }[] }[] | undefined
      )?.[0];
      const value = offer?.our_price?.[0]?.schedule?.[0]?.value_with_tax;
      const fa = (rec.attributes.fulfillment_availability as { quantity?: number }[] | undefined)?.[0];
      return { price: value === undefined ? null : String(value), quantity: fa?.quantity ?? null, status: rec.status };
    },
    calls(operation) {
      const c = sim.state().counters as { calls: Record<string, number> };
      return c.calls[operation] ?? 0;
    },
    feedMessages() {
      const out: { feedId: string; messageId: number; sku: string; operationType: string }[] = [];
      const docs = [...sim.sim.world.documents.values()];
      const feeds = [...sim.sim.world.feeds.feeds.values()].sort((a, b) => a.createdAtMs - b.createdAtMs);
      for (const f of feeds) {
        const doc = docs.find((d) => d.documentId === f.inputFeedDocumentId);
        if (!doc?.body) continue;
        const raw = doc.body[0] === 0x1f && doc.body[1] === 0x8b ? gunzipSync(doc.body) : doc.body;
        const parsed = JSON.parse(raw.toString('utf8')) as { messages: { messageId: number; sku: string; operationType: string }[] };
        for (const m of parsed.messages) out.push({ feedId: f.feedId, messageId: m.messageId, sku: m.sku, operationType: m.operationType });
      }
      return out;
    },
    advanceFeeds() {
      sim.advance(sim.sim.world.cfg.feedProcessingSeconds + 1);
    },
    async restart() {
      const app = Fastify({ logger: false });
      await app.register(appPlugin, { config: h.app.config, knex, simulatorPort: sim.port });
      await app.ready();
      app.clock.follow(() => sim.clock.now());
      extraApps.push(app);
      return app;
    },
    async close() {
      for (const a of extraApps) await a.close();
      await h.close();
    },
  };
}
