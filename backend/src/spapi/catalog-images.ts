/**
 * Catalog images from Amazon's image host (`m.media-amazon.com`), fetched for the admin so its pages load them
 * from their own origin (no third-party image host in the page, and none needed offline): in simulator mode the
 * transport's agent dials the local Amazon, which serves them; live they come from Amazon. Only that host and
 * its `/images/I/<file>` path are ever fetched, so no caller can point this at another address. A public
 * download, not an SP-API call (no token, no usage plan), so it has no Communication Log row.
 */
import https from 'node:https';
import { AmazonUnavailableError } from './errors';

export const IMAGE_HOST = 'm.media-amazon.com';
const IMAGE_PATH = '/images/I/';
/** Amazon's image file names: an id, optional size suffixes (`._SL75_`), an image extension. */
export const IMAGE_FILE = /^[A-Za-z0-9._+-]{1,200}\.(?:jpg|jpeg|png|gif|webp)$/;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const MAX_BYTES = 5 * 1024 * 1024;

export interface CatalogImage {
  contentType: string;
  body: Buffer;
}

/** The file of an Amazon image link (what the image route takes), or null when it is not on Amazon's image host. */
export function imageFileOf(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname !== IMAGE_HOST || !url.pathname.startsWith(IMAGE_PATH)) return null;
  const file = url.pathname.slice(IMAGE_PATH.length);
  return IMAGE_FILE.test(file) ? file : null;
}

const failure = (message: string, status: number | null) =>
  new AmazonUnavailableError(message, {
    operation: 'catalogImage',
    status,
    amazonCode: null,
    amazonMessage: null,
    amazonDetails: null,
    requestId: null,
    attempts: 1,
  });

/** null when Amazon has no such image; `agent` is the transport's (undefined live: Node's default). */
export function fetchCatalogImage(agent: https.Agent | undefined, file: string, timeoutMs = 10_000): Promise<CatalogImage | null> {
  if (!IMAGE_FILE.test(file)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = https.get({ host: IMAGE_HOST, servername: IMAGE_HOST, path: `${IMAGE_PATH}${file}`, agent, timeout: timeoutMs }, (res) => {
      const type = String(res.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (res.statusCode === 404 || res.statusCode === 403) {
        res.resume();
        return resolve(null);
      }
      if (res.statusCode !== 200 || !IMAGE_TYPES.has(type)) {
        res.resume();
        return reject(failure(`Amazon's image host answered ${res.statusCode} (${type || 'no type'}) for ${file}`, res.statusCode ?? null));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) req.destroy(failure(`the image ${file} is larger than ${MAX_BYTES} bytes`, 200));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve({ contentType: type, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(failure(`Amazon's image host did not answer within ${timeoutMs} ms`, null)));
    req.on('error', (err) => reject(err instanceof AmazonUnavailableError ? err : failure(`Amazon's image host: ${err.message}`, null)));
  });
}
