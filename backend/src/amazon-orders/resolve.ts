/**
 * Seller SKU → catalog product for an order's items: the workbench's mapping for the store first, then the store's
 * listing of that seller SKU, then a catalog product with the seller SKU as its own SKU. An item nothing matches, or
 * whose product is disabled, is a problem in plain words (the order waits in the workbench; nothing is dropped).
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { AmazonOrder } from '../spapi/index';
import { mappedSkus } from './imports.queries';

export interface Resolution {
  /** Seller SKU → catalog SKU, for the items that resolved. */
  skus: Map<string, string>;
  problems: string[];
  /** Seller SKUs matching nothing (the workbench offers to map them). */
  unknown: string[];
}

export async function resolveSkus(app: FastifyInstance, trx: Knex, storeId: number, o: AmazonOrder): Promise<Resolution> {
  const out: Resolution = { skus: new Map(), problems: [], unknown: [] };
  const items = o.items.filter((i) => i.quantityOrdered > 0);
  const sellerSkus = [...new Set(items.map((i) => i.sku).filter((s): s is string => s !== null))];
  for (const i of items.filter((x) => x.sku === null))
    out.problems.push(
      `item ${i.orderItemId} (ASIN ${i.asin ?? 'unknown'}) has no seller SKU: Amazon sent none, so no product can be matched`,
    );
  const mapped = await mappedSkus(trx, storeId, sellerSkus);
  const listed = await app.listings.catalogSkusOf(storeId, sellerSkus, trx);
  const candidate = (s: string) => mapped.get(s) ?? listed.get(s) ?? s;
  const states = await app.catalog.products.statesBySku([...new Set(sellerSkus.map(candidate))], trx);
  for (const sellerSku of sellerSkus) {
    const sku = candidate(sellerSku);
    const product = states.get(sku);
    if (!product) {
      out.unknown.push(sellerSku);
      out.problems.push(
        mapped.has(sellerSku) || listed.has(sellerSku)
          ? `seller SKU ${sellerSku} points to catalog SKU ${sku}, which no longer exists: map it to a product, then retry`
          : `seller SKU ${sellerSku} matches no product (no listing of this store, no catalog product with that SKU): map it to a product, then retry`,
      );
    } else if (product.status !== 'enabled') {
      out.problems.push(`product ${sku} (seller SKU ${sellerSku}) is disabled: enable it or map the SKU to another product, then retry`);
    } else {
      out.skus.set(sellerSku, sku);
    }
  }
  return out;
}
