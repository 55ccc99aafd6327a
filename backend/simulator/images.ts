/**
 * Amazon's image host (`m.media-amazon.com`): the catalog's `images` links point here, and the simulator
 * answers them with a small PNG drawn from the item (a tile in its brand's colour with a band in its product
 * type's), so an admin page shows a picture per result without the internet. Amazon's real links name an
 * image id, not the ASIN, and are JPEGs; these name the ASIN and are PNGs (honestly typed).
 */
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import type { ScenarioCatalogItem } from './scenario';
import type { World } from './state';

export const IMAGE_HOST = 'm.media-amazon.com';
export const IMAGE_SIZE = 120;

export const imageLinkOf = (asin: string) => `https://${IMAGE_HOST}/images/I/${asin}.png`;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour PNG from a pixel function (filter 0 on every row: tiny images, no need for more). */
export function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A stable colour for a word (same brand → same colour on every item): a hue from its hash, HSL 55 %/55 %. */
function colourOf(word: string): [number, number, number] {
  let h = 2166136261;
  for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const hue = h % 360;
  const [s, l] = [0.55, 0.55];
  const a = s * Math.min(l, 1 - l);
  const k = (n: number) => (n + hue / 30) % 12;
  const f = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [f(0), f(8), f(4)];
}

/** The picture of one catalog item: white margin, brand-coloured tile, product-type band. */
export function itemImage(item: Pick<ScenarioCatalogItem, 'brand' | 'productType'>): Buffer {
  const tile = colourOf(item.brand);
  const band = colourOf(item.productType);
  const edge = 14;
  return png(IMAGE_SIZE, IMAGE_SIZE, (x, y) => {
    if (x < edge || y < edge || x >= IMAGE_SIZE - edge || y >= IMAGE_SIZE - edge) return [255, 255, 255];
    if (y > IMAGE_SIZE * 0.62 && y < IMAGE_SIZE * 0.74) return band;
    return tile;
  });
}

/** GET https://m.media-amazon.com/images/I/<asin>.png; anything else is CloudFront's 404. */
export function handleImages(world: World, method: string, pathname: string, reply: FastifyReply) {
  const m = /^\/images\/I\/([A-Z0-9]{10})\.png$/.exec(pathname);
  const item = m ? world.catalog.get(m[1]!) : undefined;
  if ((method !== 'GET' && method !== 'HEAD') || !item) return reply.code(404).type('text/plain').send('Not Found');
  return reply.header('cache-control', 'max-age=31536000').type('image/png').send(itemImage(item));
}
