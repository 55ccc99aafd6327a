import type { Knex } from 'knex';

/**
 * The commerce catalog, modelled on Magento: websites and store views, attribute sets and
 * attributes with options, a category tree, products with their websites, categories,
 * attribute values (default scope and per store view) and configurable relations.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('websites', (t) => {
    t.increments('id').primary();
    t.string('code', 32).notNullable().unique();
    t.string('name', 255).notNullable();
    t.string('base_currency', 3).notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    t.datetime('created_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('store_views', (t) => {
    t.increments('id').primary();
    t.integer('website_id').unsigned().notNullable().references('id').inTable('websites').onDelete('CASCADE');
    t.string('code', 32).notNullable().unique();
    t.string('name', 255).notNullable();
    t.string('locale', 16).notNullable().defaultTo('en_US');
    t.boolean('is_active').notNullable().defaultTo(true);
  });

  await knex.schema.createTable('attribute_sets', (t) => {
    t.increments('id').primary();
    t.string('code', 64).notNullable().unique();
    t.string('name', 255).notNullable();
  });

  await knex.schema.createTable('attributes', (t) => {
    t.increments('id').primary();
    t.string('code', 64).notNullable().unique();
    t.string('label', 255).notNullable();
    t.enu('type', ['text', 'textarea', 'int', 'decimal', 'boolean', 'select', 'multiselect', 'date']).notNullable();
    t.enu('scope', ['global', 'website', 'store_view']).notNullable().defaultTo('store_view');
    t.boolean('is_required').notNullable().defaultTo(false);
    // System attributes (name, price, status…) live in product columns; they are listed so that
    // mapping screens and filters can offer them next to custom ones.
    t.boolean('is_system').notNullable().defaultTo(false);
    t.datetime('created_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('attribute_options', (t) => {
    t.increments('id').primary();
    t.integer('attribute_id').unsigned().notNullable().references('id').inTable('attributes').onDelete('CASCADE');
    t.string('value', 255).notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.unique(['attribute_id', 'value']);
  });

  await knex.schema.createTable('attribute_set_attributes', (t) => {
    t.integer('attribute_set_id').unsigned().notNullable().references('id').inTable('attribute_sets').onDelete('CASCADE');
    t.integer('attribute_id').unsigned().notNullable().references('id').inTable('attributes').onDelete('CASCADE');
    t.primary(['attribute_set_id', 'attribute_id']);
  });

  await knex.schema.createTable('categories', (t) => {
    t.increments('id').primary();
    t.integer('parent_id').unsigned().nullable().references('id').inTable('categories').onDelete('CASCADE');
    t.string('name', 255).notNullable();
    // Full name path ("Default Category/Gear/Bags"), as Magento's import writes it.
    t.string('path', 700).notNullable().unique();
    t.integer('level').notNullable();
  });

  await knex.schema.createTable('products', (t) => {
    t.increments('id').primary();
    t.string('sku', 64).notNullable().unique();
    t.enu('type', ['simple', 'configurable', 'virtual', 'bundle', 'grouped', 'downloadable', 'giftcard']).notNullable();
    t.integer('attribute_set_id').unsigned().notNullable().references('id').inTable('attribute_sets');
    t.enu('status', ['enabled', 'disabled']).notNullable().defaultTo('enabled');
    t.enu('visibility', ['not_visible', 'catalog', 'search', 'catalog_search']).notNullable().defaultTo('catalog_search');
    t.string('name', 255).notNullable();
    t.decimal('price', 12, 4).nullable();
    t.decimal('special_price', 12, 4).nullable();
    t.date('special_price_from').nullable();
    t.date('special_price_to').nullable();
    t.decimal('weight', 12, 4).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['type']);
    t.index(['status']);
    t.index(['name']);
    t.index(['price']);
  });

  await knex.schema.createTable('product_websites', (t) => {
    t.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('website_id').unsigned().notNullable().references('id').inTable('websites').onDelete('CASCADE');
    t.primary(['product_id', 'website_id']);
    t.index(['website_id']);
  });

  await knex.schema.createTable('product_categories', (t) => {
    t.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('category_id').unsigned().notNullable().references('id').inTable('categories').onDelete('CASCADE');
    t.primary(['product_id', 'category_id']);
    t.index(['category_id']);
  });

  // Default-scope values. `value` is the indexed, filterable form (options as labels, multiselect
  // joined by ","); text longer than 255 characters goes to long_value only.
  await knex.schema.createTable('product_attribute_values', (t) => {
    t.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('attribute_id').unsigned().notNullable().references('id').inTable('attributes').onDelete('CASCADE');
    t.string('value', 255).nullable();
    t.text('long_value').nullable();
    t.primary(['product_id', 'attribute_id']);
    t.index(['attribute_id', 'value']);
  });

  // Store-view overrides ("store_view_code" rows of the Magento CSV).
  await knex.schema.createTable('product_attribute_store_values', (t) => {
    t.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('attribute_id').unsigned().notNullable().references('id').inTable('attributes').onDelete('CASCADE');
    t.integer('store_view_id').unsigned().notNullable().references('id').inTable('store_views').onDelete('CASCADE');
    t.string('value', 255).nullable();
    t.text('long_value').nullable();
    t.primary(['product_id', 'attribute_id', 'store_view_id']);
  });

  await knex.schema.createTable('product_super_attributes', (t) => {
    t.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('attribute_id').unsigned().notNullable().references('id').inTable('attributes');
    t.string('label', 255).nullable();
    t.integer('position').notNullable().defaultTo(0);
    t.primary(['product_id', 'attribute_id']);
  });

  await knex.schema.createTable('product_relations', (t) => {
    t.integer('parent_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('child_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.primary(['parent_id', 'child_id']);
    t.index(['child_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'product_relations',
    'product_super_attributes',
    'product_attribute_store_values',
    'product_attribute_values',
    'product_categories',
    'product_websites',
    'products',
    'categories',
    'attribute_set_attributes',
    'attribute_options',
    'attributes',
    'attribute_sets',
    'store_views',
    'websites',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
