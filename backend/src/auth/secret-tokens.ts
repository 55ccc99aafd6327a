/** The secrets of sessions and API tokens: 32 random bytes, of which only the SHA-256 is ever stored. */
import { createHash, randomBytes } from 'node:crypto';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const newSecretToken = () => randomBytes(32).toString('base64url');
