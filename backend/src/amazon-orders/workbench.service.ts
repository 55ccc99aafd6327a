/**
 * The orders workbench: Amazon orders kept with their reason (unknown SKU, disabled product, a failure), counts per
 * store, Retry one or all, and mapping an unknown seller SKU to a catalog product for the store (the next import uses
 * it), audited.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditActor } from '../audit/index';
import { invalid } from '../platform/errors';
import { attentionCounts, attentionIds, pageAttention, skuMappingsOf, upsertSkuMapping, type ImportRecord } from './imports.queries';
import type { OrderIntake } from './intake';

const view = (r: ImportRecord) => ({
  id: r.id,
  storeId: r.storeId,
  amazonOrderId: r.amazonOrderId,
  state: r.state,
  reason: r.reason,
  attempts: r.attempts,
  lastError: r.lastError,
  amazonStatus: r.amazonStatus,
  orderId: r.orderId,
  unknownSkus: r.unknownSkus,
  updatedAt: r.updatedAt,
});

export class OrderWorkbench {
  constructor(
    private readonly app: FastifyInstance,
    private readonly intake: OrderIntake,
  ) {}

  async list(q: { storeId?: number; page: number; pageSize: number }) {
    const { items, total } = await pageAttention(this.app.db, q.storeId ?? null, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: items.map(view), total, page: q.page, pageSize: q.pageSize, counts: await attentionCounts(this.app.db) };
  }

  retry(id: number) {
    return this.intake.retry(id);
  }

  /** Retries up to 100 orders needing attention (of one store, or all), one by one. */
  async retryAll(storeId: number | null): Promise<{ retried: number; imported: number; needsAttention: number }> {
    const out = { retried: 0, imported: 0, needsAttention: 0 };
    for (const id of await attentionIds(this.app.db, storeId, 100)) {
      const r = await this.intake.retry(id);
      out.retried += 1;
      if ('state' in r && r.state === 'imported') out.imported += 1;
      else if ('state' in r && r.state === 'needs_attention') out.needsAttention += 1;
    }
    return out;
  }

  async mapSku(actor: AuditActor, storeId: number, input: { sellerSku: string; sku: string }) {
    await this.app.stores.service.get(storeId);
    const product = (await this.app.catalog.products.statesBySku([input.sku])).get(input.sku);
    if (!product) throw invalid([{ field: 'body.sku', message: `the catalog has no product with SKU ${input.sku}` }]);
    await this.app.db.transaction(async (trx) => {
      await upsertSkuMapping(trx, storeId, input.sellerSku, input.sku, this.app.clock.now());
      await this.app.audit.record(
        actor,
        { action: 'order_sku_mapping.save', entityType: 'amazon_store', entityId: storeId, details: { ...input } },
        trx,
      );
    });
    return { storeId, sellerSku: input.sellerSku, sku: input.sku };
  }

  mappings(storeId: number) {
    return skuMappingsOf(this.app.db, storeId);
  }
}
