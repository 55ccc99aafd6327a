import type { Knex } from 'knex';

/**
 * Invoices of sales orders, Magento's way (backend/src/sales/invoices.ts): a document per payment taken, with
 * its own number sequence per store view (the order's prefix), its totals in order and base currency, and the
 * order items and quantities it bills. `sales_order_items.qty_invoiced` keeps the running sum, so an order is
 * never invoiced beyond what was ordered and not canceled.
 */
export async function up(knex: Knex): Promise<void> {
  // Like sales_sequences, but invoice numbers count on their own (Magento's sequence_invoice_<store>).
  await knex.schema.createTable('sales_invoice_sequences', (t) => {
    t.integer('store_view_id').unsigned().primary().references('id').inTable('store_views').onDelete('CASCADE');
    t.integer('next_value').unsigned().notNullable().defaultTo(1);
  });

  await knex.schema.createTable('sales_invoices', (t) => {
    t.increments('id').primary();
    t.integer('order_id').unsigned().notNullable().references('id').inTable('sales_orders').onDelete('CASCADE');
    t.string('increment_id', 50).notNullable().unique();
    t.string('state', 16).notNullable();
    t.string('order_currency_code', 3).notNullable();
    t.string('base_currency_code', 3).notNullable();
    for (const prefix of ['', 'base_']) {
      for (const column of ['subtotal', 'tax_amount', 'shipping_amount', 'shipping_tax_amount', 'discount_amount', 'grand_total']) {
        t.decimal(`${prefix}${column}`, 12, 4).notNullable().defaultTo(0);
      }
    }
    t.decimal('total_qty', 12, 4).notNullable().defaultTo(0);
    // What created it ("amazon", "admin"…) and who: an admin's e-mail or the part of the system ("Amazon import").
    t.string('source', 32).notNullable();
    t.string('author', 255).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['order_id']);
  });

  await knex.schema.createTable('sales_invoice_items', (t) => {
    t.increments('id').primary();
    t.integer('invoice_id').unsigned().notNullable().references('id').inTable('sales_invoices').onDelete('CASCADE');
    t.integer('order_item_id').unsigned().notNullable().references('id').inTable('sales_order_items').onDelete('CASCADE');
    // As sold: the order item's SKU and name stay on the document even when the catalog changes.
    t.string('sku', 64).notNullable();
    t.text('name').notNullable();
    t.decimal('qty', 12, 4).notNullable();
    for (const column of ['price', 'base_price', 'tax_amount', 'base_tax_amount', 'discount_amount', 'row_total', 'base_row_total']) {
      t.decimal(column, 12, 4).notNullable().defaultTo(0);
    }
    t.index(['invoice_id']);
    t.index(['order_item_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['sales_invoice_items', 'sales_invoices', 'sales_invoice_sequences']) {
    await knex.schema.dropTableIfExists(table);
  }
}
