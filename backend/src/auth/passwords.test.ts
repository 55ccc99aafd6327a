import assert from 'node:assert/strict';
import { generatePassword, hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies the password it hashed and refuses another', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.match(hash, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    assert.notEqual(await hashPassword('same password'), await hashPassword('same password'));
  });

  it('refuses a stored value of an unknown scheme', async () => {
    assert.equal(await verifyPassword('x', 'md5$abc'), false);
  });

  it('generates 20-character passwords without look-alike characters', () => {
    const p = generatePassword();
    assert.equal(p.length, 20);
    assert.doesNotMatch(p, /[0O1lI]/);
  });
});
