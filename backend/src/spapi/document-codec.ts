/**
 * From the bytes of a downloaded document to its text: un-GZIP, then decode by the charset the document
 * host declared, or — when it declared none — by the charset Amazon writes flat files in for the
 * marketplace. Amazon serves NA/EU reports in Cp1252 and JP ones in Windows-31J, often as plain
 * `text/plain` with no charset; reading those as UTF-8 turns `Café` into `Caf�`. JSON documents (feed
 * processing reports) are UTF-8 whatever the header says (RFC 8259). Decoding is iconv-lite's, which knows
 * Amazon's Java-style names (`Cp1252`, `Windows-31J`) as well as the IANA ones.
 */
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

/**
 * A document that cannot be read. `retryable`: the bytes are incomplete (a GZIP stream that ends early),
 * so fetching them again may help; otherwise the document itself is the problem.
 */
export class DocumentDecodeError extends Error {
  constructor(
    message: string,
    readonly code: 'TRUNCATED_GZIP' | 'CORRUPT_GZIP' | 'UNSUPPORTED_COMPRESSION' | 'UNKNOWN_CHARSET',
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DocumentDecodeError';
  }
}

/** Marketplaces whose flat files Amazon writes in Cp1252 (Western-European scripts). */
const CP1252_MARKETPLACES = new Set([
  'ATVPDKIKX0DER', // US
  'A2EUQ1WTGCTBG2', // CA
  'A1AM78C64UM0Y8', // MX
  'A2Q3Y263D00KWC', // BR
  'A1F83G8C2ARO7P', // UK
  'A28R8C7NBKEWEA', // IE
  'A1PA6795UKMFR9', // DE
  'A13V1IB3VIYZZH', // FR
  'APJ6JRA9NG5V4', // IT
  'A1RKKUPIHCS9HS', // ES
  'A1805IZSGTT6HS', // NL
  'A2NODRKZP88ZB9', // SE
  'AMEN7PMS3EDWL', // BE
]);

/**
 * The charset of a marketplace's flat files when the host declares none: Cp1252 in NA and the Western-European
 * EU marketplaces, Windows-31J in Japan, GB18030 in China; UTF-8 elsewhere — including the EU-region
 * marketplaces whose script Cp1252 cannot write (PL, TR, AE, SA, EG, IN, ZA) — and when the marketplace is unknown.
 */
export function marketplaceCharset(marketplaceId: string | null): string {
  if (marketplaceId && CP1252_MARKETPLACES.has(marketplaceId)) return 'Cp1252';
  if (marketplaceId === 'A1VC38T7YXB528') return 'Windows-31J';
  if (marketplaceId === 'AAHKV2X7AFYLW') return 'GB18030';
  return 'UTF-8';
}

/** The `charset` parameter of a Content-Type (`text/plain;charset=Cp1252`), or null. */
export function declaredCharset(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1] ?? null;
}

export const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

export interface DecodeInput {
  /** getFeedDocument / getReportDocument's `compressionAlgorithm` (Amazon knows only GZIP). */
  compressionAlgorithm?: string | null;
  contentType?: string | null;
  /** The marketplace the document is for: its charset applies when none is declared. */
  marketplaceId: string | null;
  format: 'json' | 'text';
}

function gunzip(body: Buffer): Buffer {
  try {
    return gunzipSync(body);
  } catch (err) {
    // zlib says Z_BUF_ERROR ("unexpected end of file") when the stream stops before its end.
    if ((err as { code?: string }).code === 'Z_BUF_ERROR')
      throw new DocumentDecodeError(
        `the GZIP document ends early (${body.length} bytes): it was not received whole`,
        'TRUNCATED_GZIP',
        true,
      );
    throw new DocumentDecodeError(`the document is not valid GZIP: ${(err as Error).message}`, 'CORRUPT_GZIP', false);
  }
}

export function decodeDocument(body: Buffer, o: DecodeInput): string {
  const algorithm = o.compressionAlgorithm ?? null;
  if (algorithm !== null && algorithm !== 'GZIP')
    throw new DocumentDecodeError(`the document is compressed with ${algorithm}, which we cannot read`, 'UNSUPPORTED_COMPRESSION', false);
  // The magic bytes count too: a compressed document served without compressionAlgorithm is still GZIP.
  const plain = algorithm === 'GZIP' || isGzip(body) ? gunzip(body) : body;
  const charset = o.format === 'json' ? 'UTF-8' : (declaredCharset(o.contentType) ?? marketplaceCharset(o.marketplaceId));
  if (!iconv.encodingExists(charset))
    throw new DocumentDecodeError(`the document declares charset ${charset}, which we cannot decode`, 'UNKNOWN_CHARSET', false);
  // iconv-lite drops a UTF-8 BOM itself; the replace covers a BOM written again after a transcoding.
  return iconv.decode(plain, charset).replace(/^\uFEFF/, '');
}
