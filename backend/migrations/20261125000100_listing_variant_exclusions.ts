import type { Knex } from 'knex';

/**
 * Variants removed by hand (backend/src/listings/variants.service.ts): a child product of a configurable that an
 * admin took out of its parent listing. Rule application and catalog changes skip these children (they neither
 * create nor revive their listings) until an admin adds the variant back, which deletes the row. A separate
 * table rather than a flag on `listings`, because a child may be removed before it ever had a listing row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_variant_exclusions', (t) => {
    t.integer('store_id').unsigned().notNullable().references('id').inTable('amazon_stores').onDelete('CASCADE');
    t.integer('parent_listing_id').unsigned().notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('product_id').unsigned().notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('removed_by', 255).nullable();
    t.datetime('removed_at', { precision: 3 }).notNullable();
    t.primary(['parent_listing_id', 'product_id']);
    t.index(['store_id']);
    t.index(['product_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('listing_variant_exclusions');
}
