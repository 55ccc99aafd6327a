/**
 * Inventory use cases: salable quantity for other domains (`app.catalog.inventory.salableQty`),
 * source item quantities, stock settings and reservations. Each write is one transaction with its
 * change log entry and audit record.
 */
import type { Knex } from 'knex';
import { STOCKLESS_TYPES, type Backorders } from '../../../schema/catalog';
import type { AuditActor, AuditLog } from '../audit/index';
import { AppError, invalid, notFound } from '../platform/errors';
import type { ChangeLog } from './changes';
import { checkSourceQuantity } from './source-quantity';
import {
  insertReservation,
  salableQty,
  sourceItem,
  stockSettingsOf,
  upsertSourceItems,
  upsertStockSettings,
  type ReservationRow,
  type Salable,
  type StockSettings,
} from './inventory.queries';
import { productIdsBySku, productRowById } from './products.queries';
import { defaultStockId, listStocks, sourceExists } from './structure.queries';

export interface StockSettingsPatch {
  manageStock?: boolean;
  backorders?: Backorders;
  minQty?: number;
}

export interface ReservationInput {
  sku: string;
  stockId: number;
  quantity: number;
  reason: string;
  reference?: string | null;
}

const round4 = (n: number) => Math.round(n * 10000) / 10000;

export class InventoryService {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly changes: ChangeLog,
  ) {}

  /** Salable quantity per SKU in a stock; SKUs that are not products are left out of the map. */
  salableQty(skus: readonly string[] | undefined, stockId: number): Promise<Map<string, Salable>> {
    return salableQty(this.db, { skus, stockId });
  }

  /** The stock of the default website (null when no website sells from a stock). */
  defaultStockId(): Promise<number | null> {
    return defaultStockId(this.db);
  }

  async setSourceItem(
    actor: AuditActor,
    productId: number,
    sourceCode: string,
    item: { quantity: number; inStock: boolean },
  ): Promise<void> {
    // The range is this rule's, not the route schema's, so the CSV import refuses the same values in the same words.
    const checked = checkSourceQuantity(item.quantity);
    if (!checked.ok) throw invalid([{ field: 'body.quantity', message: checked.problem }]);
    const quantity = checked.quantity;
    await this.db.transaction(async (trx) => {
      const product = await productRowById(trx, productId, true);
      if (!product) throw notFound('Product', productId);
      if (!(await sourceExists(trx, sourceCode))) throw notFound('Source', sourceCode);
      if ((STOCKLESS_TYPES as readonly string[]).includes(product.type)) {
        throw new AppError(
          'UNPROCESSABLE',
          `${product.sku} is a ${product.type} product: it holds no stock of its own. Set quantities on the products it is made of.`,
          { type: product.type },
        );
      }
      const before = await sourceItem(trx, product.sku, sourceCode);
      if (before && before.quantity === quantity && before.inStock === item.inStock) return;
      await upsertSourceItems(trx, [{ sku: product.sku, sourceCode, quantity, inStock: item.inStock }]);
      const details = {
        source: sourceCode,
        quantity: { old: before?.quantity ?? null, new: quantity },
        inStock: { old: before?.inStock ?? null, new: item.inStock },
      };
      await this.changes.record(trx, [{ sku: product.sku, kind: 'stock', details }]);
      await this.audit.record(
        actor,
        { action: 'update_source_item', entityType: 'product', entityId: productId, details: { sku: product.sku, ...details } },
        trx,
      );
    });
  }

  async updateStockSettings(actor: AuditActor, productId: number, patch: StockSettingsPatch): Promise<void> {
    await this.db.transaction(async (trx) => {
      const product = await productRowById(trx, productId, true);
      if (!product) throw notFound('Product', productId);
      const before = await stockSettingsOf(trx, productId);
      const after: StockSettings = {
        manageStock: patch.manageStock ?? before.manageStock,
        backorders: patch.backorders ?? before.backorders,
        minQty: patch.minQty === undefined ? before.minQty : round4(patch.minQty),
      };
      // Magento's rule: a negative out-of-stock threshold only makes sense when orders may go below zero.
      if (after.minQty < 0 && after.backorders === 'no') {
        throw invalid([{ field: 'body.minQty', message: `a threshold below 0 (${after.minQty}) needs backorders allowed` }]);
      }
      const details: Record<string, { old: unknown; new: unknown }> = {};
      for (const key of ['manageStock', 'backorders', 'minQty'] as const) {
        if (after[key] !== before[key]) details[key] = { old: before[key], new: after[key] };
      }
      if (!Object.keys(details).length) return;
      await upsertStockSettings(trx, productId, after);
      await this.changes.record(trx, [{ sku: product.sku, kind: 'stock_settings', details }]);
      await this.audit.record(
        actor,
        { action: 'update_stock_settings', entityType: 'product', entityId: productId, details: { sku: product.sku, changes: details } },
        trx,
      );
    });
  }

  /**
   * Appends a reservation; a correction is another reservation of the opposite sign. With `trx` (a caller's
   * open transaction, e.g. an order being placed) it is written there, so it commits or rolls back with the
   * caller's work; without, in its own transaction.
   */
  async addReservation(actor: AuditActor, input: ReservationInput, trx?: Knex.Transaction): Promise<ReservationRow & Salable> {
    if (input.quantity === 0)
      throw invalid([{ field: 'body.quantity', message: 'must not be 0 (negative holds stock, positive releases it)' }]);
    const inTransaction = <T>(work: (t: Knex.Transaction) => Promise<T>): Promise<T> => (trx ? work(trx) : this.db.transaction(work));
    const reservation = await inTransaction(async (trx) => {
      if (!(await productIdsBySku(trx, [input.sku])).size) throw notFound('Product', input.sku);
      if (!(await listStocks(trx, input.stockId)).length) throw notFound('Stock', input.stockId);
      const row = await insertReservation(trx, { ...input, quantity: round4(input.quantity) });
      const details = { reservationId: row.id, stockId: row.stockId, quantity: row.quantity, reason: row.reason, reference: row.reference };
      await this.changes.record(trx, [{ sku: row.sku, kind: 'reservation', details }]);
      await this.audit.record(
        actor,
        { action: 'create', entityType: 'reservation', entityId: row.id, details: { sku: row.sku, ...details } },
        trx,
      );
      return row;
    });
    const salable = (await salableQty(trx ?? this.db, { skus: [input.sku], stockId: input.stockId })).get(input.sku)!;
    return { ...reservation, ...salable };
  }
}
