import assert from 'node:assert/strict';
import { listeningUrl, publicUrlMismatch } from './public-url';

describe('PUBLIC_URL', () => {
  it('defaults to the listening address as a browser on this machine opens it', () => {
    assert.equal(listeningUrl('127.0.0.1', 3301), 'http://127.0.0.1:3301');
    assert.equal(listeningUrl('0.0.0.0', 3000), 'http://127.0.0.1:3000');
    assert.equal(listeningUrl('::', 3000), 'http://127.0.0.1:3000');
    assert.equal(listeningUrl('::1', 3000), 'http://[::1]:3000');
    assert.equal(listeningUrl('shop.local', 80), 'http://shop.local:80');
  });

  it('warns about a set PUBLIC_URL on this machine with another port than the one listened on', () => {
    const warning = publicUrlMismatch('http://127.0.0.1:3000', '127.0.0.1', 3301);
    assert.match(warning ?? '', /PUBLIC_URL http:\/\/127\.0\.0\.1:3000 names port 3000, but the service listens on port 3301/);
    assert.ok(publicUrlMismatch('http://localhost:3000', '0.0.0.0', 3301));
    assert.ok(publicUrlMismatch('http://[::1]:3000', '::1', 3301));
    assert.ok(publicUrlMismatch('http://10.0.0.5', '10.0.0.5', 3000), 'no port means 80');
  });

  it('stays quiet when the port agrees, or for an address elsewhere (a proxy in front)', () => {
    assert.equal(publicUrlMismatch('http://127.0.0.1:3301', '127.0.0.1', 3301), null);
    assert.equal(publicUrlMismatch('https://shop.example', '127.0.0.1', 3000), null);
    assert.equal(publicUrlMismatch('http://admin.shop.example:8080', '0.0.0.0', 3000), null);
  });
});
