import type { Knex } from 'knex';

/**
 * Inventory the way Magento MSI keeps it: sources, stocks (linked to websites and sources),
 * source items per sku and source, per-product stock settings, and reservations.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sources', (t) => {
    t.string('code', 64).primary();
    t.string('name', 255).notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.string('country', 2).notNullable();
    t.string('description', 1000).nullable();
  });

  await knex.schema.createTable('stocks', (t) => {
    t.increments('id').primary();
    t.string('name', 255).notNullable().unique();
  });

  // A website sells from exactly one stock (MSI's "sales channel").
  await knex.schema.createTable('stock_websites', (t) => {
    t.integer('website_id').unsigned().primary().references('id').inTable('websites').onDelete('CASCADE');
    t.integer('stock_id').unsigned().notNullable().references('id').inTable('stocks').onDelete('CASCADE');
    t.index(['stock_id']);
  });

  await knex.schema.createTable('stock_sources', (t) => {
    t.integer('stock_id').unsigned().notNullable().references('id').inTable('stocks').onDelete('CASCADE');
    t.string('source_code', 64).notNullable().references('code').inTable('sources').onDelete('CASCADE').onUpdate('CASCADE');
    t.integer('priority').notNullable().defaultTo(0);
    t.primary(['stock_id', 'source_code']);
    t.index(['source_code']);
  });

  await knex.schema.createTable('source_items', (t) => {
    t.string('source_code', 64).notNullable().references('code').inTable('sources').onDelete('CASCADE').onUpdate('CASCADE');
    t.string('sku', 64).notNullable().references('sku').inTable('products').onDelete('CASCADE').onUpdate('CASCADE');
    t.decimal('quantity', 12, 4).notNullable().defaultTo(0);
    // MSI's source item status: 1 in stock, 0 out of stock.
    t.boolean('in_stock').notNullable().defaultTo(true);
    t.primary(['sku', 'source_code']);
    t.index(['source_code']);
  });

  await knex.schema.createTable('product_stock_settings', (t) => {
    t.integer('product_id').unsigned().primary().references('id').inTable('products').onDelete('CASCADE');
    t.boolean('manage_stock').notNullable().defaultTo(true);
    t.enu('backorders', ['no', 'allow', 'allow_notify']).notNullable().defaultTo('no');
    // "Out-of-Stock Threshold" (Magento's min_qty / out_of_stock_qty).
    t.decimal('min_qty', 12, 4).notNullable().defaultTo(0);
  });

  await knex.schema.createTable('reservations', (t) => {
    t.bigIncrements('id').primary();
    t.string('sku', 64).notNullable();
    t.integer('stock_id').unsigned().notNullable().references('id').inTable('stocks').onDelete('CASCADE');
    t.decimal('quantity', 12, 4).notNullable();
    t.string('reason', 64).notNullable();
    t.string('reference', 255).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['sku', 'stock_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['reservations', 'product_stock_settings', 'source_items', 'stock_sources', 'stock_websites', 'stocks', 'sources']) {
    await knex.schema.dropTableIfExists(table);
  }
}
