import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SecretBox, resolveEncryptionKey } from './secrets';

describe('secrets at rest', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = box.seal('Atzr|refresh-token-value');
    assert.doesNotMatch(sealed, /refresh-token-value/);
    assert.equal(box.open(sealed), 'Atzr|refresh-token-value');
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    assert.throws(() => box.open(parts.join(':')));
    assert.throws(() => new SecretBox(randomBytes(32)).open(sealed));
  });

  it('generates a key file once and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-key-'));
    const first = resolveEncryptionKey('', dir);
    const second = resolveEncryptionKey('', dir);
    assert.equal(first.length, 32);
    assert.deepEqual(first, second);
    assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('uses the configured key when set', () => {
    const hex = randomBytes(32).toString('hex');
    assert.equal(resolveEncryptionKey(hex, '/nonexistent').toString('hex'), hex);
  });
});
