import assert from 'node:assert/strict';
import { searchItemOf, searchQueryOf } from './search';

describe('Resolve: Amazon catalog search (pure)', () => {
  it('turns keywords into words, an identifier into a one-value identifier search', () => {
    assert.deepEqual(searchQueryOf({ keywords: '  Contoso  alpine,french press ' }), {
      query: { keywords: ['Contoso', 'alpine', 'french', 'press'] },
    });
    assert.deepEqual(searchQueryOf({ identifier: 'b0demo0031', identifierType: 'ASIN' }), {
      query: { identifiers: ['B0DEMO0031'], identifiersType: 'ASIN' },
    });
  });

  it('refuses both, neither, an identifier without its type and too many words, naming the field', () => {
    const field = (r: ReturnType<typeof searchQueryOf>) => ('problems' in r ? r.problems[0]?.field : null);
    assert.equal(field(searchQueryOf({ keywords: 'bag', identifier: '4000000000013', identifierType: 'EAN' })), 'querystring.keywords');
    assert.equal(field(searchQueryOf({ keywords: '  ' })), 'querystring.keywords');
    assert.equal(field(searchQueryOf({ identifier: '4000000000013' })), 'querystring.identifierType');
    assert.equal(field(searchQueryOf({ keywords: Array.from({ length: 21 }, (_, i) => `w${i}`).join(' ') })), 'querystring.keywords');
  });

  it('shows title, brand, type, category, identifiers and the main image through our image route', () => {
    const item = searchItemOf({
      asin: 'B0DEMO0031',
      summaries: [
        {
          marketplaceId: 'ATVPDKIKX0DER',
          itemName: 'Contoso Alpine French Press',
          brand: 'Contoso',
          itemClassification: 'BASE_PRODUCT',
          browseClassification: { displayName: 'Home & Kitchen', classificationId: '1055398' },
        },
      ],
      images: [
        { marketplaceId: 'ATVPDKIKX0DER', images: [{ variant: 'MAIN', link: 'https://m.media-amazon.com/images/I/B0DEMO0031.png' }] },
      ],
      identifiers: [{ marketplaceId: 'ATVPDKIKX0DER', identifiers: [{ identifierType: 'EAN', identifier: '4000000000013' }] }],
      productTypes: [{ marketplaceId: 'ATVPDKIKX0DER', productType: 'KITCHEN' }],
    });
    assert.deepEqual(item, {
      asin: 'B0DEMO0031',
      title: 'Contoso Alpine French Press',
      brand: 'Contoso',
      productType: 'KITCHEN',
      classification: 'Home & Kitchen',
      imageUrl: '/api/amazon-images/B0DEMO0031.png',
      identifiers: [{ type: 'EAN', value: '4000000000013' }],
      variationParent: false,
    });
    const elsewhere = searchItemOf({ asin: 'B0X', images: [{ images: [{ variant: 'MAIN', link: 'https://images.example/x.png' }] }] });
    assert.equal(elsewhere.imageUrl, null, 'only Amazon image host links are shown');
  });
});
