import assert from 'node:assert/strict';
import {
  defaultQuery,
  emptyFilters,
  filterChips,
  fromRouteQuery,
  toApiQuery,
  toRouteQuery,
  withoutFilter,
  type GridQuery,
} from './product-query';

const filtered = (): GridQuery => ({
  page: 3,
  pageSize: 50,
  sort: 'salableQty',
  dir: 'desc',
  filters: {
    ...emptyFilters(),
    sku: ' BAG ',
    status: 'enabled',
    website: 'base',
    salableMin: 0,
    salableMax: 10,
    attrs: [
      { code: 'color', value: 'Red' },
      { code: 'size', value: '' },
    ],
  },
});

describe('product grid query', () => {
  it('builds the API query: trimmed filters, numeric range, attr as code:value, no empty filters', () => {
    assert.deepEqual(toApiQuery(filtered()), {
      sort: 'salableQty',
      dir: 'desc',
      page: 3,
      pageSize: 50,
      sku: 'BAG',
      status: 'enabled',
      website: 'base',
      salableMin: 0,
      salableMax: 10,
      attr: ['color:Red'],
    });
  });

  it('leaves paging out of the CSV export query (it exports every matching row)', () => {
    const q = toApiQuery(filtered(), false);
    assert.equal(q.page, undefined);
    assert.equal(q.pageSize, undefined);
    assert.equal(q.sku, 'BAG');
  });

  it('survives a round trip through the URL', () => {
    const original = filtered();
    const back = fromRouteQuery(toRouteQuery(original));
    assert.deepEqual(back, { ...original, filters: { ...original.filters, sku: 'BAG', attrs: [{ code: 'color', value: 'Red' }] } });
  });

  it('keeps the default grid’s URL clean', () => {
    assert.deepEqual(toRouteQuery(defaultQuery()), {});
  });

  it('falls back to defaults for a malformed URL instead of failing', () => {
    const q = fromRouteQuery({ page: '-2', pageSize: '7', sort: 'password', dir: 'sideways', salableMin: 'many', attr: 'nocolon' });
    assert.deepEqual(q, defaultQuery());
  });

  it('shows one chip per active filter, and removing a chip clears just that filter', () => {
    const f = filtered().filters;
    const chips = filterChips(f);
    assert.deepEqual(
      chips.map((c) => c.label),
      ['SKU: BAG', 'Status: enabled', 'Website: base', 'Salable Qty: 0 – 10', 'color: Red'],
    );
    const noRange = withoutFilter(f, 'salable');
    assert.equal(noRange.salableMin, null);
    assert.equal(noRange.salableMax, null);
    assert.equal(noRange.sku, ' BAG ');
    assert.deepEqual(withoutFilter(f, 'attr:0').attrs, [{ code: 'size', value: '' }]);
    assert.equal(f.attrs.length, 2, 'the original filters are not changed');
  });
});
