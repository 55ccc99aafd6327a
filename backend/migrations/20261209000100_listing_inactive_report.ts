import type { Knex } from 'knex';

/**
 * Where Amazon's merchant listings report comes in the older layout without a status column (UK), the
 * reconciliation and the import also request GET_MERCHANT_LISTINGS_INACTIVE_DATA to learn the statuses:
 * each keeps that second report's id next to the first one's while Amazon prepares it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listing_reconcile_runs', (t) => {
    t.string('inactive_report_id', 64).nullable();
  });
  await knex.schema.alterTable('listing_report_requests', (t) => {
    t.string('inactive_report_id', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listing_report_requests', (t) => {
    t.dropColumn('inactive_report_id');
  });
  await knex.schema.alterTable('listing_reconcile_runs', (t) => {
    t.dropColumn('inactive_report_id');
  });
}
