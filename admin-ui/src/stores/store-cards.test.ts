import assert from 'node:assert/strict';
import {
  authorizationBanner,
  consentAction,
  countdownText,
  hasSales,
  idAttributeFor,
  idAttributeOptions,
  preferredIdAttribute,
  salesBars,
} from './store-cards';
import { authorization, CONNECTED, store } from '../test-support/store-fixtures';
import type { CatalogAttribute } from '../api/types';

describe('store cards (countdown, banner, actions, chart)', () => {
  it('words the countdown for each authorization state', () => {
    assert.equal(countdownText(CONNECTED), 'Authorization expires in 365 days');
    assert.equal(countdownText({ ...CONNECTED, state: 'expiring_soon', daysLeft: 25 }), 'Authorization expires in 25 days');
    assert.equal(countdownText({ ...CONNECTED, state: 'expiring_soon', daysLeft: 1 }), 'Authorization expires in 1 day');
    assert.equal(countdownText({ ...CONNECTED, state: 'expiring_soon', daysLeft: 0 }), 'Authorization expires today');
    assert.match(countdownText({ ...CONNECTED, state: 'expired', daysLeft: 0 }), /expired: sync is paused until you renew/);
    assert.match(countdownText({ ...CONNECTED, state: 'revoked' }), /revoked in Seller Central/);
    assert.equal(countdownText(authorization()), 'Not connected to Seller Central yet');
  });

  it('offers Connect before the first consent, Renew while valid, Reconnect once it stopped working', () => {
    assert.deepEqual(consentAction(authorization()), { purpose: 'connect', label: 'Connect' });
    assert.deepEqual(consentAction(CONNECTED), { purpose: 'renew', label: 'Renew' });
    assert.deepEqual(consentAction({ ...CONNECTED, state: 'expiring_soon' }), { purpose: 'renew', label: 'Renew' });
    for (const state of ['expired', 'revoked', 'error'] as const) {
      assert.deepEqual(consentAction({ ...CONNECTED, state }), { purpose: 'renew', label: 'Reconnect' }, state);
    }
  });

  it('puts expiring, expired and revoked stores in the banner, the broken ones first, and leaves healthy ones out', () => {
    const list = [
      store({ id: 1, name: 'Healthy', authorization: CONNECTED }),
      store({ id: 2, name: 'Soon', authorization: { ...CONNECTED, state: 'expiring_soon', daysLeft: 25 } }),
      store({ id: 3, name: 'Gone', authorization: { ...CONNECTED, state: 'revoked', syncPaused: true } }),
      store({ id: 4, name: 'New' }),
    ];
    const banner = authorizationBanner(list);
    assert.deepEqual(
      banner.map((b) => [b.store.name, b.label, b.severity]),
      [
        ['Gone', 'Reconnect', 'error'],
        ['Soon', 'Renew', 'warning'],
      ],
    );
    assert.equal(banner[1]?.message, 'Soon: authorization expires in 25 days.');
  });

  it('draws one bar per day scaled to the best day, and shows no chart before the first order', () => {
    const series = [
      { date: '2026-01-01', amount: 0, orders: 0 },
      { date: '2026-01-02', amount: 50, orders: 1 },
      { date: '2026-01-03', amount: 100, orders: 2 },
    ];
    const bars = salesBars(series, 300, 48, 'USD');
    assert.deepEqual(
      bars.map((b) => b.height),
      [0, 24, 48],
    );
    assert.equal(bars[2]?.y, 0);
    assert.match(bars[2]?.label ?? '', /2026-01-03: \$100\.00, 2 orders/);
    assert.equal(hasSales(store()), false);
    assert.equal(hasSales(store({ sales30d: { currency: 'USD', total: 150, orders: 3, series } })), true);
  });

  it('offers only attributes that can hold the ID type', () => {
    const attr = (code: string, type: CatalogAttribute['type']) =>
      ({
        id: 1,
        code,
        label: code.toUpperCase(),
        type,
        scope: 'global',
        isRequired: false,
        isSystem: false,
        options: [],
      }) as CatalogAttribute;
    const attributes = [attr('ean', 'text'), attr('color', 'select'), attr('description', 'textarea')];
    assert.deepEqual(
      idAttributeOptions(attributes, 'ean').map((o) => o.value),
      ['ean'],
    );
    assert.deepEqual(
      idAttributeOptions(attributes, 'general_search').map((o) => o.value),
      ['ean', 'description'],
    );
  });

  it('preselects the attribute named for the ID type, among the fitting ones only', () => {
    const attr = (code: string, type: CatalogAttribute['type'], label = code.toUpperCase()) =>
      ({ id: 1, code, label, type, scope: 'global', isRequired: false, isSystem: false, options: [] }) as CatalogAttribute;
    const demo = [attr('name', 'text'), attr('ean', 'text'), attr('upc', 'text'), attr('isbn', 'text'), attr('asin', 'text')];
    for (const type of ['asin', 'ean', 'upc', 'isbn'] as const) assert.equal(preferredIdAttribute(demo, type), type);
    assert.equal(preferredIdAttribute(demo, 'gcid'), null, 'no attribute holds a GCID');
    assert.equal(preferredIdAttribute([...demo, attr('gcid', 'text')], 'gcid'), 'gcid');
    assert.equal(preferredIdAttribute(demo, 'general_search'), null);
    assert.equal(preferredIdAttribute([attr('amazon_asin', 'text')], 'asin'), 'amazon_asin', 'a code with the type as a word');
    assert.equal(preferredIdAttribute([attr('barcode', 'text', 'EAN')], 'ean'), 'barcode', 'the label');
    assert.equal(preferredIdAttribute([attr('ean', 'select')], 'ean'), null, 'a select cannot hold an identifier');
    assert.equal(preferredIdAttribute([attr('eanx', 'text'), attr('clean_code', 'text')], 'ean'), null, 'not part of a word');
    // After a type change: the preferred attribute, else the current one while it fits, else none.
    assert.equal(idAttributeFor(demo, 'upc', 'ean'), 'upc');
    assert.equal(idAttributeFor(demo, 'gcid', 'ean'), 'ean');
    assert.equal(idAttributeFor([attr('description', 'textarea')], 'ean', 'description'), '');
  });
});
