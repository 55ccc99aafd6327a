/**
 * What a fresh Magento install has: the Main Website (`base`) with its Default Store View, and MSI's
 * Default Source in the Default Stock that the website sells from. The service and the import command
 * create them in a catalog that has no website yet, so a first import finds `base` as Magento's CSVs
 * expect; a catalog that already has websites keeps its own.
 */
import type { Knex } from 'knex';
import { toDbTime } from '../db/time';
import { ensureDefaultStock } from './import/default-stock';

export async function ensureInstallDefaults(db: Knex): Promise<{ created: boolean }> {
  const created = await db.transaction(async (trx) => {
    if (await trx('websites').first('id')) return false;
    await trx('websites').insert({ code: 'base', name: 'Main Website', base_currency: 'USD', is_default: true, created_at: toDbTime() });
    const website = await trx('websites').where({ code: 'base' }).first('id');
    await trx('store_views').insert({
      website_id: website.id,
      code: 'default',
      name: 'Default Store View',
      locale: 'en_US',
      is_active: true,
    });
    return true;
  });
  if (created) await ensureDefaultStock(db);
  return { created };
}
