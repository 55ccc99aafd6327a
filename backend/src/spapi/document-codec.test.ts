import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { declaredCharset, decodeDocument, DocumentDecodeError, marketplaceCharset } from './document-codec';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const CN = 'AAHKV2X7AFYLW';
const text = (body: Buffer, o: Partial<Parameters<typeof decodeDocument>[1]> = {}) =>
  decodeDocument(body, { marketplaceId: null, format: 'text', ...o });

describe('spapi document decoding', () => {
  // "Café Crème – 5 €": é, è, the en dash and the euro sign are single bytes in Cp1252 (0xE9, 0xE8, 0x96, 0x80).
  const cafe = 'seller-sku\titem-name\nSKU-1\tCafé Crème – 5 €\n';
  const cp1252 = iconv.encode(cafe, 'win1252');

  it('decodes by the declared charset, in Java and IANA spellings', () => {
    assert.equal(text(cp1252, { contentType: 'text/plain; charset=Cp1252' }), cafe);
    assert.equal(text(cp1252, { contentType: 'text/plain;charset=windows-1252', marketplaceId: JP }), cafe, 'declared wins');
    const latin1 = iconv.encode('Müller', 'latin1');
    assert.equal(text(latin1, { contentType: 'text/plain; charset="ISO-8859-1"' }), 'Müller');
  });

  it('decodes an undeclared document by the marketplace charset: Cp1252 in NA/EU, not UTF-8', () => {
    assert.equal(text(cp1252, { contentType: 'text/plain', marketplaceId: US }), cafe);
    assert.equal(text(cp1252, { marketplaceId: DE }), cafe);
    assert.notEqual(text(cp1252, { marketplaceId: null }), cafe, 'read as UTF-8 it would be garbled');
  });

  it('decodes Japanese documents as Windows-31J, declared or by marketplace', () => {
    const jp = '出品者SKU\t商品名\nJP-1\t①ステンレスボトル\n';
    const sjis = iconv.encode(jp, 'Windows-31J');
    assert.equal(text(sjis, { contentType: 'text/plain;charset=Windows-31J' }), jp);
    assert.equal(text(sjis, { marketplaceId: JP }), jp);
    assert.equal(text(iconv.encode('日本語', 'EUC-JP'), { contentType: 'text/plain; charset=EUC-JP' }), '日本語');
  });

  it('drops a UTF-8 BOM', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('seller-sku\n', 'utf8')]);
    assert.equal(text(bom, { contentType: 'text/plain; charset=UTF-8' }), 'seller-sku\n');
  });

  it('reads JSON documents as UTF-8 whatever the marketplace', () => {
    const json = Buffer.from(JSON.stringify({ message: 'Größe – ungültig' }), 'utf8');
    assert.equal(
      JSON.parse(decodeDocument(json, { marketplaceId: DE, format: 'json', contentType: 'application/json' })).message,
      'Größe – ungültig',
    );
  });

  it('refuses a charset it does not know, naming it', () => {
    assert.throws(
      () => text(cp1252, { contentType: 'text/plain; charset=x-amazon-unknown' }),
      (err: unknown) =>
        err instanceof DocumentDecodeError && err.code === 'UNKNOWN_CHARSET' && !err.retryable && /x-amazon-unknown/.test(err.message),
    );
  });

  it('un-GZIPs with the declared compression and by the magic bytes alone', () => {
    const gz = gzipSync(cp1252);
    assert.equal(text(gz, { compressionAlgorithm: 'GZIP', marketplaceId: US }), cafe);
    assert.equal(text(gz, { marketplaceId: US }), cafe, 'no compressionAlgorithm, but GZIP bytes');
    assert.throws(() => text(gz, { compressionAlgorithm: 'ZSTD' }), /ZSTD/);
  });

  it('calls a GZIP stream that ends early a retryable truncation, and bad GZIP not', () => {
    const gz = gzipSync(Buffer.from('x'.repeat(5000) + cafe));
    assert.throws(
      () => text(gz.subarray(0, Math.floor(gz.length / 2)), { compressionAlgorithm: 'GZIP' }),
      (err: unknown) => err instanceof DocumentDecodeError && err.code === 'TRUNCATED_GZIP' && err.retryable,
    );
    assert.throws(
      () => text(Buffer.from('plain text, not gzip'), { compressionAlgorithm: 'GZIP' }),
      (err: unknown) => err instanceof DocumentDecodeError && err.code === 'CORRUPT_GZIP' && !err.retryable,
    );
  });

  it('knows the marketplace charsets and reads the declared one', () => {
    assert.deepEqual([US, DE, JP, CN, 'A21TJRUUN4KGV', null].map(marketplaceCharset), [
      'Cp1252',
      'Cp1252',
      'Windows-31J',
      'GB18030',
      'UTF-8',
      'UTF-8',
    ]);
    assert.equal(declaredCharset('text/plain'), null);
    assert.equal(declaredCharset('text/plain;CHARSET=Cp1252'), 'Cp1252');
  });
});
