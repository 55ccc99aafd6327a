import type { Knex } from 'knex';

/**
 * The Communication Log page filters one store's calls by operation, by status and by Amazon request id, newest
 * first. (store_id, created_at) already serves the store and the time range; these keep the other filters on an
 * index prefix too, so a store with millions of rows is not scanned for one operation or one failing status.
 * A request id is unique, so it is looked up on its own (support quotes it). Text in error messages is a
 * contains search that no index serves: it runs inside the store's (and time range's) rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('amazon_api_calls', (t) => {
    t.index(['store_id', 'operation', 'created_at'], 'amazon_api_calls_store_operation_index');
    t.index(['store_id', 'status', 'created_at'], 'amazon_api_calls_store_status_index');
    t.index(['amazon_request_id'], 'amazon_api_calls_request_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('amazon_api_calls', (t) => {
    t.dropIndex(['amazon_request_id'], 'amazon_api_calls_request_id_index');
    t.dropIndex(['store_id', 'status', 'created_at'], 'amazon_api_calls_store_status_index');
    t.dropIndex(['store_id', 'operation', 'created_at'], 'amazon_api_calls_store_operation_index');
  });
}
