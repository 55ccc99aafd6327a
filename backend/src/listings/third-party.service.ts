/**
 * Existing Amazon listings: imported from the merchant listings report into `third_party_listings`, matched
 * to catalog products by seller SKU (= catalog sku) or by the ASIN attribute, then linked (managed from now
 * on), left unmanaged, or unlinked again later. Amazon calls happen outside transactions.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { importProductsCsv } from '../catalog/import/index';
import type { AuditActor } from '../audit/index';
import { toDbTime } from '../db/time';
import { conflict, notFound } from '../platform/errors';
import { productIdsBySku, productsByAttributeValue } from './catalog-reads';
import { pushDesired } from './desired';
import { insertListings, listingById, sellerSkusTaken } from './listings.queries';
import { merchantListingsStep } from './merchant-report';
import type { ListingSettingsService } from './settings.service';
import { storeContext } from './store-context';
import { recordActivity } from './sync/activity.queries';
import * as tq from './third-party.queries';

export class ThirdPartyService {
  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: ListingSettingsService,
  ) {}

  /** Requests the report, or collects it when Amazon has it ready (call again while `processing`). */
  async importReport(actor: AuditActor | null, storeId: number) {
    const ctx = await storeContext(this.app, storeId);
    const step = await merchantListingsStep(this.app, storeId, ctx.marketplaceId, await tq.pendingReport(this.app.db, storeId), {
      report: (id) => tq.savePendingReport(this.app.db, storeId, id),
      inactive: (id) => tq.saveInactiveReport(this.app.db, storeId, id),
    });
    if (step.status !== 'done') return { status: step.status, reportId: step.reportId, imported: 0, matched: 0 };
    const { rows, reportId: pending } = step;
    const settings = await this.settings.settingsFor(ctx);
    const bySku = await productIdsBySku(
      this.app.db,
      rows.map((r) => r.sellerSku),
    );
    const asinAttributes = settings.identifierOrder.filter((s) => s.type === 'asin').map((s) => s.attribute);
    const byAsin = new Map<string, number>();
    for (const code of asinAttributes.length ? asinAttributes : ['asin'])
      for (const [asin, id] of await productsByAttributeValue(this.app.db, code, rows.map((r) => r.asin1 ?? '').filter(Boolean)))
        if (!byAsin.has(asin)) byAsin.set(asin, id);
    const managed = await sellerSkusTaken(
      this.app.db,
      storeId,
      rows.map((r) => r.sellerSku),
    );
    const now = toDbTime();
    const records = rows
      .filter((r) => !managed.has(r.sellerSku))
      .map((r) => {
        const viaSku = bySku.get(r.sellerSku);
        const viaAsin = r.asin1 ? byAsin.get(r.asin1) : undefined;
        return {
          store_id: storeId,
          seller_sku: r.sellerSku,
          asin: r.asin1,
          item_name: r.itemName?.slice(0, 500) ?? null,
          price: r.price,
          quantity: r.quantity,
          amazon_status: r.status,
          fulfillment_channel: r.fulfillmentChannel,
          match_product_id: viaSku ?? viaAsin ?? null,
          matched_by: viaSku ? 'seller_sku' : viaAsin ? 'asin_attribute' : null,
          imported_at: now,
        };
      });
    await this.app.db.transaction(async (trx) => {
      await tq.upsertThirdParty(trx, records);
      await tq.clearPendingReport(trx, storeId);
      if (actor)
        await this.app.audit.record(
          actor,
          { action: 'listings.third_party_import', entityType: 'store', entityId: storeId, details: { rows: rows.length } },
          trx,
        );
    });
    return {
      status: 'done' as const,
      reportId: pending,
      imported: records.length,
      matched: records.filter((r) => r.match_product_id !== null).length,
    };
  }

  list(storeId: number, state: string | undefined, page: number, pageSize: number) {
    return tq.thirdPartyPage(this.app.db, storeId, state, page, pageSize);
  }

  async link(actor: AuditActor, storeId: number, id: number, productId?: number): Promise<number> {
    const ctx = await storeContext(this.app, storeId);
    const settings = await this.settings.settingsFor(ctx);
    const tp = await tq.thirdPartyById(this.app.db, id);
    if (!tp || tp.storeId !== storeId) throw notFound('Existing Amazon listing', id);
    const target = productId ?? tp.matchProductId;
    if (!target) throw conflict('No catalog product matches this Amazon listing: choose one (productId) or create one');
    const skus = await this.app.db('products').where({ id: target }).first('sku'); // stopgap read (see catalog-reads.ts)
    if (!skus) throw notFound('Product', target);
    return this.app.db.transaction(async (trx) => {
      const current = await tq.thirdPartyById(trx, id, true);
      if (!current || current.state === 'linked') throw conflict('This Amazon listing is already linked');
      const clash = await trx('listings').where({ store_id: storeId, product_id: target }).first('id');
      if (clash) throw conflict(`The product already has listing ${clash.id} in this store`);
      const ids = await insertListings(trx, [
        {
          storeId,
          productId: target,
          sku: String(skus.sku),
          sellerSku: tp.sellerSku,
          asin: tp.asin,
          status: tp.amazonStatus === 'Active' ? 'active' : 'inactive',
          linkedFromAmazon: true,
          publishedAt: toDbTime(),
        },
      ]);
      const listingId = ids.get(tp.sellerSku)!;
      await tq.markThirdParty(trx, id, { state: 'linked', listing_id: listingId, match_product_id: target });
      await recordActivity(trx, {
        listingId,
        source: 'listings',
        kind: 'linked',
        summary: `Linked to the existing Amazon listing ${tp.sellerSku} (${tp.asin ?? 'no ASIN'})`,
      });
      await this.app.audit.record(
        actor,
        { action: 'listing.link', entityType: 'listing', entityId: listingId, details: { thirdPartyId: id, productId: target } },
        trx,
      );
      const listing = await listingById(trx, listingId);
      if (listing) await pushDesired(this.app, trx, ctx, settings, [listing]);
      return listingId;
    });
  }

  /**
   * Creates a simple catalog product from an existing Amazon listing (sku = seller SKU, name, price, on the
   * store's website, the ASIN in the ASIN attribute when one is configured) through the catalog's own importer
   * — change log included — then links the listing to it.
   */
  async createProduct(actor: AuditActor, storeId: number, id: number): Promise<number> {
    const ctx = await storeContext(this.app, storeId);
    const tp = await tq.thirdPartyById(this.app.db, id);
    if (!tp || tp.storeId !== storeId) throw notFound('Existing Amazon listing', id);
    if (tp.state === 'linked') throw conflict('This Amazon listing is already linked');
    if (tp.matchProductId) throw conflict('A catalog product already matches this Amazon listing: link it instead');
    const settings = await this.settings.settingsFor(ctx);
    const sets = await this.app.catalog.structure.attributeSets();
    const set = sets.find((x) => x.code.toLowerCase() === 'default') ?? sets[0];
    if (!set) throw conflict('The catalog has no attribute set to create a product in');
    const asinAttribute = settings.identifierOrder.find((x) => x.type === 'asin')?.attribute;
    const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const columns: Record<string, string> = {
      sku: tp.sellerSku,
      attribute_set_code: set.code,
      product_type: 'simple',
      name: tp.itemName ?? tp.sellerSku,
      price: tp.price ?? '',
      product_websites: ctx.websiteCode,
      product_online: '1',
      visibility: 'Catalog, Search',
      additional_attributes: asinAttribute && tp.asin ? `${asinAttribute}=${tp.asin}` : '',
    };
    const csv = `${Object.keys(columns).join(',')}\n${Object.values(columns).map(cell).join(',')}\n`;
    const result = await importProductsCsv(this.app.db, Readable.from([csv]), { changes: this.app.catalog.changes });
    if (result.failed)
      throw conflict(`The catalog refused the product: ${result.errors.map((e) => e.reason).join('; ')}`, { errors: result.errors });
    const productId = (await productIdsBySku(this.app.db, [tp.sellerSku])).get(tp.sellerSku);
    if (!productId) throw conflict('The product was not created');
    await this.app.audit.record(actor, {
      action: 'listings.third_party_create_product',
      entityType: 'product',
      entityId: productId,
      details: { thirdPartyId: id },
    });
    return this.link(actor, storeId, id, productId);
  }

  async leaveUnmanaged(actor: AuditActor, storeId: number, id: number): Promise<void> {
    await this.app.db.transaction(async (trx) => {
      const tp = await tq.thirdPartyById(trx, id, true);
      if (!tp || tp.storeId !== storeId) throw notFound('Existing Amazon listing', id);
      if (tp.state === 'linked') throw conflict('This Amazon listing is linked: unlink the listing instead');
      await tq.markThirdParty(trx, id, { state: 'unmanaged' });
      await this.app.audit.record(
        actor,
        { action: 'listings.third_party_unmanaged', entityType: 'store', entityId: storeId, details: { id } },
        trx,
      );
    });
  }
}
