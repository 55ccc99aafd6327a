import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import { fakeApi, validationError } from '../test-support/fake-api';
import { sourceLabel, sourceOptions, useAttributeMappingStore } from './attribute-mapping';

const mapping = (id: number, country = 'US') => ({
  id,
  country,
  marketplaceId: 'ATVPDKIKX0DER',
  amazonAttribute: 'brand',
  catalogAttribute: 'manufacturer',
  source: 'attribute' as const,
  isActive: true,
  overwriteExisting: false,
  storeViews: [],
  createdAt: '',
  updatedAt: '',
});

describe('attribute mapping store (Attributes page)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the mappings of the chosen marketplace with the Amazon attribute labels', async () => {
    const api = provideApi(
      fakeApi((call) =>
        call.path.endsWith('amazon-attributes')
          ? [{ code: 'brand', label: 'Brand', description: '' }]
          : [mapping(1, String(call.query?.country))],
      ),
    );
    const s = useAttributeMappingStore();
    await s.load('DE');
    assert.equal(s.mappings[0]?.country, 'DE');
    assert.equal(s.labelOf('brand'), 'Brand');
    assert.deepEqual(api.calls[0]?.query, { country: 'DE' });
  });

  it('checks a new mapping with the shared schema before sending, and shows the server’s field message', async () => {
    const api = provideApi(fakeApi(() => validationError([{ field: 'body.catalogAttribute', message: 'no catalog attribute "nope"' }])));
    const s = useAttributeMappingStore();
    const missing = await s.create({ country: 'US', amazonAttribute: 'brand', catalogAttribute: '' });
    assert.equal(missing.problem?.fields.catalogAttribute, 'Catalog attribute is required');
    assert.equal(api.calls.length, 0);
    const refused = await s.create({ country: 'US', amazonAttribute: 'brand', catalogAttribute: 'nope' });
    assert.equal(refused.problem?.fields.catalogAttribute, 'Catalog attribute: no catalog attribute "nope"');
  });

  it('adds, edits and deletes rows in place', async () => {
    provideApi(
      fakeApi((call) => {
        if (call.method === 'POST') return mapping(5);
        if (call.method === 'PATCH') return { ...mapping(5), isActive: false };
        return undefined;
      }),
    );
    const s = useAttributeMappingStore();
    assert.equal((await s.create({ country: 'US', amazonAttribute: 'brand', catalogAttribute: 'manufacturer' })).ok, true);
    assert.equal((await s.update(5, { isActive: false })).ok, true);
    assert.equal(s.mappings[0]?.isActive, false);
    assert.equal((await s.remove(5)).ok, true);
    assert.equal(s.mappings.length, 0);
  });

  it("offers the product's name, SKU and price first, then the catalog attributes (a system `name` attribute once)", () => {
    const attributes = [
      { code: 'name', label: 'Product Name' },
      { code: 'color', label: 'Color' },
    ];
    assert.deepEqual(
      sourceOptions(attributes).map((o) => [o.value, o.title, o.props.subtitle]),
      [
        ['name', 'Product name (name)', 'Product field'],
        ['sku', 'SKU (sku)', 'Product field'],
        ['price', 'Price (price)', 'Product field'],
        ['color', 'Color (color)', undefined],
      ],
    );
    assert.equal(sourceLabel('sku', attributes), 'SKU (sku) — product field');
    assert.equal(sourceLabel('color', attributes), 'Color (color)');
    assert.equal(sourceLabel('gone', attributes), 'gone');
  });
});
