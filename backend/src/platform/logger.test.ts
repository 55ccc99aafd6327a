import assert from 'node:assert/strict';
import { redactUrl } from './logger';

describe('logged URLs', () => {
  it('replaces the values of credential query parameters and keeps everything else as it came', () => {
    assert.equal(
      redactUrl('/api/amazon-auth/callback?state=12.abc.def&selling_partner_id=A2SIM&spapi_oauth_code=ANsim%2Fx&mws_auth_token=amzn.mws.1'),
      '/api/amazon-auth/callback?state=[redacted]&selling_partner_id=A2SIM&spapi_oauth_code=[redacted]&mws_auth_token=[redacted]',
    );
    assert.equal(redactUrl('/api/catalog/products?sku=a%20b&page=2'), '/api/catalog/products?sku=a%20b&page=2');
    assert.equal(redactUrl('/health'), '/health');
  });

  it('catches encoded, repeated and value-less names', () => {
    assert.equal(redactUrl('/cb?st%61te=x&state=y&state'), '/cb?st%61te=[redacted]&state=[redacted]&state=[redacted]');
    assert.equal(redactUrl('/cb?state=%E0%A4%A'), '/cb?state=[redacted]');
  });
});
