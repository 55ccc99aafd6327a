import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import { fakeApi, validationError } from '../test-support/fake-api';
import { searchStartFor, useAmazonCatalogSearchStore } from './amazon-catalog-search';

const item = (asin: string, title: string) => ({
  asin,
  title,
  brand: 'Contoso',
  productType: 'KITCHEN',
  classification: 'Home & Kitchen',
  imageUrl: `/api/amazon-images/${asin}.png`,
  identifiers: [],
  variationParent: false,
});

describe('amazon-catalog-search store (Resolve dialog)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('starts an Unable to Assign listing with its name as keywords, Multiple Matches with the identifier that matched', () => {
    assert.deepEqual(
      searchStartFor({
        status: 'unable_to_assign',
        statusReason: 'No Amazon product found for EAN (ean) 4000000000006',
        name: 'Unknown Thing',
        sku: 'NOPE',
      }),
      { mode: 'keywords', keywords: 'Unknown Thing', identifier: '', identifierType: 'EAN' },
    );
    assert.deepEqual(
      searchStartFor({
        status: 'multiple_matches',
        statusReason: '2 Amazon products match EAN (ean) 4006381333993: pick the right one',
        name: null,
        sku: 'BOWL',
      }),
      { mode: 'identifier', keywords: 'BOWL', identifier: '4006381333993', identifierType: 'EAN' },
    );
  });

  it('searches by keywords, then adds the next page below', async () => {
    const api = provideApi(
      fakeApi((call) =>
        call.query?.pageToken
          ? { numberOfResults: 2, nextPageToken: null, items: [item('B0DEMO0002', 'Second')] }
          : { numberOfResults: 2, nextPageToken: 'MQ', items: [item('B0DEMO0001', 'First')] },
      ),
    );
    const s = useAmazonCatalogSearchStore();
    s.start(3, { mode: 'keywords', keywords: ' Contoso press ', identifier: '', identifierType: 'EAN' });
    assert.equal(await s.search(), null);
    assert.deepEqual(api.calls[0], { method: 'GET', path: '/api/stores/3/amazon-catalog/search', query: { keywords: 'Contoso press' } });
    assert.deepEqual([s.items.length, s.nextPageToken], [1, 'MQ']);
    await s.more();
    assert.deepEqual(api.calls[1]?.query, { keywords: 'Contoso press', pageToken: 'MQ' });
    assert.deepEqual(
      s.items.map((i) => i.asin),
      ['B0DEMO0001', 'B0DEMO0002'],
    );
    assert.equal(s.nextPageToken, null);
  });

  it('searches by identifier; says which field is missing or wrong before or after asking', async () => {
    const api = provideApi(
      fakeApi((call) =>
        call.query?.identifier === '0'
          ? validationError([{ field: 'querystring.identifier', message: 'is not a UPC' }])
          : { numberOfResults: 0, nextPageToken: null, items: [] },
      ),
    );
    const s = useAmazonCatalogSearchStore();
    s.start(3, { mode: 'identifier', keywords: '', identifier: '', identifierType: 'UPC' });
    assert.equal((await s.search())?.fields.identifier, 'is required');
    assert.equal(api.calls.length, 0, 'nothing sent');
    s.identifier = '012345678905';
    assert.equal(await s.search(), null);
    assert.deepEqual(api.calls[0]?.query, { identifier: '012345678905', identifierType: 'UPC' });
    assert.equal(s.numberOfResults, 0);
    s.identifier = 'X Y';
    assert.match((await s.search())?.fields.identifier ?? '', /must match pattern/);
    assert.equal(api.calls.length, 1, 'refused before asking');
    s.identifier = '0';
    // The server's word on its field, named in the form's words.
    assert.equal((await s.search())?.fields.identifier, 'Identifier is not a UPC', "the server's word on its field");
  });
});
