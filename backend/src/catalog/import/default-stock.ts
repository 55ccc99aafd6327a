/**
 * Magento's single-source mode: the product CSV's qty and is_in_stock belong to the source
 * "default", which sits in the "Default Stock" that the default website sells from. A catalog
 * that has none of these yet gets them, the way a fresh Magento install has them; links an admin
 * removed on purpose are not put back (only what this call creates is linked).
 */
import type { Knex } from 'knex';
import { DEFAULT_SOURCE } from './product-writer';

export const DEFAULT_STOCK_NAME = 'Default Stock';

export async function ensureDefaultStock(db: Knex): Promise<{ stockId: number }> {
  return db.transaction(async (trx) => {
    const source = await trx('sources').where({ code: DEFAULT_SOURCE }).first('code');
    if (!source) await trx('sources').insert({ code: DEFAULT_SOURCE, name: 'Default Source', enabled: true, country: 'US' });
    let stock = await trx('stocks').where({ name: DEFAULT_STOCK_NAME }).first('id');
    const createdStock = !stock;
    if (!stock) {
      await trx('stocks').insert({ name: DEFAULT_STOCK_NAME });
      stock = await trx('stocks').where({ name: DEFAULT_STOCK_NAME }).first('id');
    }
    const stockId = Number(stock.id);
    if (!source || createdStock) {
      await trx('stock_sources')
        .insert({ stock_id: stockId, source_code: DEFAULT_SOURCE, priority: 0 })
        .onConflict(['stock_id', 'source_code'])
        .ignore();
    }
    const website = await trx('websites').where({ is_default: true }).orderBy('id').first('id');
    if (website) await trx('stock_websites').insert({ website_id: website.id, stock_id: stockId }).onConflict('website_id').ignore();
    return { stockId };
  });
}
