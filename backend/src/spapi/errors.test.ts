import assert from 'node:assert/strict';
import { classify, firstAmazonError, isRetryableNetworkError, lwaErrorOf } from './errors';
import { backoffMs } from './retry';

describe('spapi error mapping', () => {
  const err = (code: string, details = '') => ({ code, message: 'm', details });

  it('retries throttling and server errors, refreshes the token on an expired or revoked token, refuses the rest', () => {
    assert.equal(classify(200, null).kind, 'ok');
    assert.equal(classify(204, null).kind, 'ok');
    assert.equal(classify(429, err('QuotaExceeded')).kind, 'throttled');
    assert.equal(classify(500, err('InternalFailure')).kind, 'server-error');
    assert.equal(classify(503, null).kind, 'server-error');
    assert.equal(classify(403, err('Unauthorized', 'The access token you provided has expired.')).kind, 'refresh-token');
    assert.equal(
      classify(403, err('Unauthorized', 'The access token you provided is revoked, malformed or invalid.')).kind,
      'refresh-token',
    );
    assert.equal(classify(403, err('Unauthorized', 'Access token is missing in the request header.')).kind, 'rejected');
    assert.equal(classify(403, err('Unauthorized', 'sellerId X is not the seller who authorized this application.')).kind, 'rejected');
    assert.equal(classify(400, err('InvalidInput')).kind, 'rejected');
    assert.equal(classify(404, err('NOT_FOUND')).kind, 'rejected');
  });

  it('reads the first error of the envelope and of a bare array (Listings Restrictions)', () => {
    assert.deepEqual(firstAmazonError({ errors: [{ code: 'A', message: 'b' }] }), { code: 'A', message: 'b' });
    assert.deepEqual(firstAmazonError([{ code: 'BAD_REQUEST', message: 'x', details: 'd' }]), {
      code: 'BAD_REQUEST',
      message: 'x',
      details: 'd',
    });
    assert.equal(firstAmazonError({ payload: [] }), null);
    assert.equal(firstAmazonError(null), null);
  });

  it('recognises network failures and LWA errors', () => {
    assert.equal(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' })), true);
    assert.equal(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'API_RESPONSE_TIMEOUT' })), true);
    assert.equal(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'INVALID_OPERATION_FOR_ENDPOINT' })), false);
    assert.deepEqual(lwaErrorOf(Object.assign(new Error('gone'), { code: 'invalid_grant' })), {
      error: 'invalid_grant',
      description: 'gone',
    });
    assert.equal(lwaErrorOf(Object.assign(new Error('x'), { code: 'ECONNRESET' })), null);
  });

  it('backs off exponentially with jitter, within the cap', () => {
    const policy = { baseMs: 100, capMs: 1000 };
    assert.equal(
      backoffMs(1, policy, () => 0),
      50,
    );
    assert.equal(
      backoffMs(1, policy, () => 1),
      100,
    );
    assert.equal(
      backoffMs(3, policy, () => 1),
      400,
    );
    assert.equal(
      backoffMs(10, policy, () => 1),
      1000,
    );
    assert.equal(
      backoffMs(10, policy, () => 0),
      500,
    );
  });
});
