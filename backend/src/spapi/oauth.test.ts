import assert from 'node:assert/strict';
import { buildConsentUrl } from './oauth';

describe('spapi consent URL', () => {
  it('points at the Seller Central consent page with the app id, state and, for a draft app, version=beta', () => {
    const url = buildConsentUrl({
      sellerCentral: 'sellercentral-europe.amazon.com',
      applicationId: 'amzn1.sellerapps.app.x',
      state: 'a b&c',
    });
    assert.equal(url, 'https://sellercentral-europe.amazon.com/apps/authorize/consent?application_id=amzn1.sellerapps.app.x&state=a+b%26c');
    const beta = new URL(
      buildConsentUrl({
        sellerCentral: 'https://sellercentral.amazon.com/',
        applicationId: 'id',
        state: 's',
        redirectUri: 'https://x.example/cb',
        version: 'beta',
      }),
    );
    assert.equal(beta.host, 'sellercentral.amazon.com');
    assert.equal(beta.searchParams.get('redirect_uri'), 'https://x.example/cb');
    assert.equal(beta.searchParams.get('version'), 'beta');
  });

  it('keeps the path of a base URL (the simulator serves each Seller Central host under its own path)', () => {
    const url = buildConsentUrl({ sellerCentral: 'http://127.0.0.1:8444/sellercentral.amazon.de', applicationId: 'id', state: 's' });
    assert.equal(url, 'http://127.0.0.1:8444/sellercentral.amazon.de/apps/authorize/consent?application_id=id&state=s');
  });
});
