/**
 * A store's order import settings. `importOrders` and `customerMode` are the store's own settings (stores/, edited
 * through `app.stores.service.edit`, so the store page and this page agree); the rest is kept per store in
 * `amazon_order_settings` as JSON, defaults merged on read (a setting added later needs no migration).
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_ORDER_IMPORT_SETTINGS, type OrderImportSettings } from '../../../schema/amazon-orders';
import type { AuditActor } from '../audit/index';
import { json } from '../db/rows';
import { toDbTime } from '../db/time';
import { invalid } from '../platform/errors';

type OwnSettings = Omit<OrderImportSettings, 'importOrders' | 'customerMode'>;

export class OrderSettingsService {
  constructor(private readonly app: FastifyInstance) {}

  async get(storeId: number): Promise<OrderImportSettings> {
    const store = await this.app.stores.service.get(storeId);
    const row = await this.app.db('amazon_order_settings').where({ store_id: storeId }).first('settings');
    const own = { ...DEFAULT_ORDER_IMPORT_SETTINGS, ...json<Partial<OwnSettings>>(row?.settings, {}) };
    return { importOrders: store.settings.importOrders, customerMode: store.settings.customerMode, ...own };
  }

  /** Merges `patch` over the current settings (validated by the route's schema; store view and start date here). */
  async update(actor: AuditActor, storeId: number, patch: Partial<OrderImportSettings>): Promise<OrderImportSettings> {
    const store = await this.app.stores.service.get(storeId);
    const { importOrders, customerMode, ...rest } = patch;
    if (rest.storeViewCode) {
      const website = (await this.app.catalog.structure.websites()).find((w) => w.code === store.website.code);
      if (!website?.storeViews.some((v) => v.code === rest.storeViewCode)) {
        throw invalid([
          { field: 'body.storeViewCode', message: `the website ${store.website.code} has no store view ${rest.storeViewCode}` },
        ]);
      }
    }
    if (rest.shippingMethods) {
      const levels = rest.shippingMethods.map((m) => m.serviceLevel.toLowerCase());
      if (new Set(levels).size !== levels.length)
        throw invalid([{ field: 'body.shippingMethods', message: 'each service level may be mapped once' }]);
    }
    if (importOrders !== undefined || customerMode !== undefined) {
      await this.app.stores.service.update(actor, storeId, {
        settings: { ...(importOrders !== undefined ? { importOrders } : {}), ...(customerMode !== undefined ? { customerMode } : {}) },
      });
    }
    if (Object.keys(rest).length) {
      await this.app.db.transaction(async (trx) => {
        const row = await trx('amazon_order_settings').where({ store_id: storeId }).forUpdate().first('settings');
        const merged = { ...json<Partial<OwnSettings>>(row?.settings, {}), ...rest };
        const columns = { settings: JSON.stringify(merged), updated_at: toDbTime() };
        if (row) await trx('amazon_order_settings').where({ store_id: storeId }).update(columns);
        else await trx('amazon_order_settings').insert({ store_id: storeId, ...columns });
        await this.app.audit.record(
          actor,
          { action: 'order_settings.update', entityType: 'amazon_store', entityId: storeId, details: { ...rest } },
          trx,
        );
      });
    }
    return this.get(storeId);
  }
}
