import type { Knex } from 'knex';

/**
 * Sales orders the way Magento keeps them (backend/src/sales/): customers per website, an order with its
 * state, status, customer or guest, totals in order and base currency, items, billing and shipping
 * addresses (the only place buyer names, addresses and phone numbers live), status history, the increment
 * number sequences per store view, and the ledger of the stock reservations an order placed and released.
 *
 * Money is DECIMAL(12,4) (grand total = subtotal + shipping + tax − discount; the discount is kept positive and
 * the tax includes the shipping tax). Times are UTC text like everywhere else.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customers', (t) => {
    t.increments('id').primary();
    t.integer('website_id').unsigned().notNullable().references('id').inTable('websites').onDelete('CASCADE');
    // Lower case: customers are matched by e-mail per website, whatever case a channel sends it in.
    t.string('email', 255).notNullable();
    t.string('firstname', 255).notNullable();
    t.string('lastname', 255).notNullable();
    t.string('customer_group', 32).notNullable().defaultTo('general');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['website_id', 'email']);
  });

  // One row per store view; the next number is taken by an UPDATE inside the order's transaction, whose
  // row lock serialises two processes creating orders for the same store view.
  await knex.schema.createTable('sales_sequences', (t) => {
    t.integer('store_view_id').unsigned().primary().references('id').inTable('store_views').onDelete('CASCADE');
    t.string('prefix', 20).notNullable().defaultTo('');
    t.integer('next_value').unsigned().notNullable().defaultTo(1);
  });

  await knex.schema.createTable('sales_orders', (t) => {
    t.increments('id').primary();
    t.string('increment_id', 50).notNullable().unique();
    t.integer('website_id').unsigned().notNullable().references('id').inTable('websites').onDelete('RESTRICT');
    t.integer('store_view_id').unsigned().notNullable().references('id').inTable('store_views').onDelete('RESTRICT');
    t.string('state', 32).notNullable();
    t.string('status', 32).notNullable();
    // Where hold came from, so unhold returns there (Magento's hold_before_state/status).
    t.string('hold_before_state', 32).nullable();
    t.string('hold_before_status', 32).nullable();
    t.integer('customer_id').unsigned().nullable().references('id').inTable('customers').onDelete('SET NULL');
    t.boolean('customer_is_guest').notNullable();
    t.string('customer_email', 255).notNullable();
    t.string('customer_firstname', 255).nullable();
    t.string('customer_lastname', 255).nullable();
    t.string('order_currency_code', 3).notNullable();
    t.string('base_currency_code', 3).notNullable();
    // base amount = order amount × this rate.
    t.decimal('order_to_base_rate', 12, 6).notNullable().defaultTo(1);
    for (const prefix of ['', 'base_']) {
      for (const column of ['subtotal', 'tax_amount', 'shipping_amount', 'shipping_tax_amount', 'discount_amount', 'grand_total']) {
        t.decimal(`${prefix}${column}`, 12, 4).notNullable().defaultTo(0);
      }
    }
    t.decimal('total_qty_ordered', 12, 4).notNullable().defaultTo(0);
    t.string('shipping_method', 120).nullable();
    t.string('shipping_description', 255).nullable();
    t.string('payment_method', 64).notNullable();
    t.enu('source', ['web', 'amazon']).notNullable();
    // When the buyer ordered (Amazon's PurchaseDate for Amazon orders): the grid's date.
    t.datetime('purchased_at', { precision: 3 }).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['purchased_at']);
    t.index(['status', 'purchased_at']);
    t.index(['source', 'purchased_at']);
    t.index(['customer_email']);
    t.index(['customer_id']);
    t.index(['store_view_id']);
    t.index(['website_id']);
  });

  await knex.schema.createTable('sales_order_items', (t) => {
    t.increments('id').primary();
    t.integer('order_id').unsigned().notNullable().references('id').inTable('sales_orders').onDelete('CASCADE');
    t.string('sku', 64).notNullable();
    // The catalog product the SKU named when the order came in (null: none; the SKU stays as sold).
    t.integer('product_id').unsigned().nullable().references('id').inTable('products').onDelete('SET NULL');
    t.text('name').notNullable();
    for (const column of ['qty_ordered', 'qty_invoiced', 'qty_shipped', 'qty_refunded', 'qty_canceled']) {
      t.decimal(column, 12, 4).notNullable().defaultTo(0);
    }
    for (const column of ['price', 'base_price', 'tax_amount', 'base_tax_amount', 'discount_amount', 'row_total', 'base_row_total']) {
      t.decimal(column, 12, 4).notNullable().defaultTo(0);
    }
    // Amazon's OrderItemId for Amazon orders.
    t.string('external_item_id', 64).nullable();
    t.index(['order_id']);
    t.index(['sku']);
  });

  await knex.schema.createTable('sales_order_addresses', (t) => {
    t.increments('id').primary();
    t.integer('order_id').unsigned().notNullable().references('id').inTable('sales_orders').onDelete('CASCADE');
    t.enu('address_type', ['billing', 'shipping']).notNullable();
    t.string('firstname', 255).nullable();
    t.string('lastname', 255).nullable();
    t.string('company', 255).nullable();
    // Street lines joined by a line feed, as Magento keeps them.
    t.text('street').notNullable();
    t.string('city', 255).nullable();
    t.string('region', 255).nullable();
    t.string('postcode', 32).nullable();
    t.string('country_id', 2).notNullable();
    t.string('telephone', 64).nullable();
    t.string('email', 255).nullable();
    t.unique(['order_id', 'address_type']);
  });

  await knex.schema.createTable('sales_order_status_history', (t) => {
    t.increments('id').primary();
    t.integer('order_id').unsigned().notNullable().references('id').inTable('sales_orders').onDelete('CASCADE');
    t.string('status', 32).notNullable();
    t.text('comment').nullable();
    t.boolean('is_customer_notified').notNullable().defaultTo(false);
    // The admin's e-mail, or the part of the system that wrote it ("Amazon import").
    t.string('author', 255).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['order_id', 'created_at']);
  });

  // What an order reserved and gave back, per event: the event key is unique per order, so a retried
  // placement or release finds its row and does nothing twice; the net held per SKU is the sum.
  await knex.schema.createTable('sales_order_reservations', (t) => {
    t.increments('id').primary();
    t.integer('order_id').unsigned().notNullable().references('id').inTable('sales_orders').onDelete('CASCADE');
    t.string('event', 64).notNullable();
    t.integer('stock_id').unsigned().nullable();
    // The SKUs and quantities of the catalog reservations this event added (negative holds, positive gives back).
    t.text('lines').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['order_id', 'event']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'sales_order_reservations',
    'sales_order_status_history',
    'sales_order_addresses',
    'sales_order_items',
    'sales_orders',
    'sales_sequences',
    'customers',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
