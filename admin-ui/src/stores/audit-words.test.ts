import assert from 'node:assert/strict';
import { ACTION_CHOICES, actionWords, entityWords } from './audit-words';

const entry = (entityType: string, entityId: string | null, details: unknown = null) => ({ entityType, entityId, details });

describe('audit log in words', () => {
  it('words every action the service records, and keeps an unknown one readable', () => {
    assert.equal(actionWords('store.connect_started'), 'Store connection started');
    assert.equal(actionWords('store.renew_authorization'), 'Authorization renewed');
    assert.equal(actionWords('listing.end'), 'Listing ended');
    assert.equal(actionWords('listings.reconcile_run'), 'Check against Amazon started');
    assert.equal(actionWords('orders.import_started'), 'Orders import started');
    assert.ok(ACTION_CHOICES.every((c) => !c.title.includes('_') && !c.title.includes('.')));
  });

  it('names a store by its name, never "amazon_store #1"', () => {
    const names = new Map([[1, 'Outdoor US']]);
    assert.equal(entityWords(entry('amazon_store', '1'), names), 'Amazon store Outdoor US');
    assert.equal(entityWords(entry('store', '1', { before: null, after: 3 }), names), 'Amazon store Outdoor US');
    // A deleted store is no longer listed: its audit entry kept the name.
    assert.equal(
      entityWords(entry('amazon_store', '9', { name: 'Old DE', marketplaceId: 'A1PA6795UKMFR9' }), names),
      'Amazon store Old DE',
    );
    assert.equal(entityWords(entry('amazon_store', '8'), names), 'Amazon store no. 8');
  });

  it('names other entities from their details, or by their code', () => {
    const none = new Map<number, string>();
    assert.equal(entityWords(entry('product', '5', { sku: 'BAG-1', changes: {} }), none), 'Product BAG-1');
    assert.equal(entityWords(entry('listing', '12', { sku: 'BAG-1', sellerSku: 'BAG-1-US' }), none), 'Listing BAG-1-US');
    assert.equal(entityWords(entry('preparation_item', 'return_settings', { checked: true }), none), 'Checklist item return_settings');
    assert.equal(entityWords(entry('admin_user', '2'), none), 'Admin user no. 2');
    assert.equal(
      entityWords({ ...entry('admin_user', '1'), userId: 1, userEmail: 'admin@example.com' }, none),
      'Admin user admin@example.com',
    );
    assert.equal(entityWords(entry('email_outbox', '4', { to: 'a@b.example' }), none), 'E-mail a@b.example');
    assert.equal(entityWords(entry('some_thing', null), none), 'Some thing');
  });
});
