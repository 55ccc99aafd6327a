/**
 * Secrets at rest (refresh tokens, client secrets) are sealed with AES-256-GCM. The key comes from
 * ENCRYPTION_KEY, or is generated once into ./data/secret.key so the embedded setup needs nothing.
 * Sealed values carry a version prefix so the scheme or key can rotate later.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ensurePrivateDir, tightenFile, writePrivateFile, type Report } from './private-files';

const PREFIX = 'v1';

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the encryption key must be 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [PREFIX, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [prefix, iv, tag, body] = sealed.split(':');
    if (prefix !== PREFIX || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

/**
 * The configured key, or the one kept in `<dataDir>/secret.key` (created 0600 in a 0700 folder when
 * missing; a looser existing file or folder is tightened and reported, see private-files.ts).
 */
export function resolveEncryptionKey(configured: string, dataDir = DATA_DIR, report?: Report): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const file = path.join(dataDir, 'secret.key');
  ensurePrivateDir(dataDir, { tightenExisting: true, ...(report ? { report } : {}) });
  if (fs.existsSync(file)) {
    tightenFile(file, report);
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  }
  const key = randomBytes(32);
  writePrivateFile(file, key.toString('hex'));
  return key;
}
