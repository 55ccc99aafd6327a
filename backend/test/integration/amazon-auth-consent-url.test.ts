/**
 * Where Connect store sends the admin's browser: in simulator mode the local Seller Central's loopback address
 * (plain HTTP, any browser opens it without a host mapping); in live mode Amazon's Seller Central of the store's
 * marketplace; and Amazon returns to PUBLIC_URL, which follows PORT unless set. Only the URL is checked here (no Amazon call happens before the browser opens it); the whole
 * consent runs in amazon-auth-connect.test.ts and the browser tests.
 */
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog } from './catalog-seed';

const LIVE = {
  AMAZON_MODE: 'live',
  AMAZON_LWA_CLIENT_ID: 'amzn1.application-oa2-client.live0000000000000000000000000001',
  AMAZON_LWA_CLIENT_SECRET: 'amzn1.oa2-cs.v1.live-secret',
  AMAZON_APP_ID: 'amzn1.sellerapps.app.live-0000',
  // Live mode with notifications on needs the merchant's SQS queue; this test is about the consent link only.
  AMAZON_NOTIFICATIONS: 'off',
};

describe('amazon-auth: the consent link', function () {
  this.timeout(30_000);
  const apps: TestApp[] = [];
  after(async () => {
    for (const t of apps) await t.close();
  });

  async function consentUrlOf(config: Record<string, string>, country: string, websiteCode: string): Promise<URL> {
    const t = await buildTestApp({ config });
    apps.push(t);
    await seedCatalog(t.db.knex);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { cookie: t.adminCookie },
      payload: {
        name: `Store ${apps.length}`,
        email: 'amazon@shop.example',
        websiteCode,
        country,
        productIdType: 'ean',
        productIdAttribute: 'ean',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/stores/${created.json<{ id: number }>().id}/connect`,
      headers: { cookie: t.adminCookie },
    });
    assert.equal(started.statusCode, 200, started.body);
    return new URL(started.json<{ consentUrl: string }>().consentUrl);
  }

  it('simulator mode: the local Seller Central on 127.0.0.1 (plain HTTP, SIMULATOR_SELLER_CENTRAL_PORT), under the marketplace host', async () => {
    const url = await consentUrlOf({ SIMULATOR_SELLER_CENTRAL_PORT: '9444', PORT: '3301' }, 'DE', 'eu');
    assert.equal(url.origin, 'http://127.0.0.1:9444');
    assert.equal(url.pathname, '/sellercentral.amazon.de/apps/authorize/consent');
    assert.equal(url.searchParams.get('version'), 'beta', 'the simulator app is a draft');
    // No PUBLIC_URL: the OAuth return address follows the port the service listens on.
    assert.equal(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:3301/api/amazon-auth/callback');
  });

  it('live mode: Amazon’s Seller Central of the marketplace over HTTPS, with the configured app', async () => {
    const url = await consentUrlOf({ ...LIVE, PUBLIC_URL: 'https://admin.shop.example/' }, 'US', 'base');
    assert.equal(url.origin, 'https://sellercentral.amazon.com');
    assert.equal(url.pathname, '/apps/authorize/consent');
    assert.equal(url.searchParams.get('application_id'), LIVE.AMAZON_APP_ID);
    assert.equal(url.searchParams.get('version'), null);
    assert.equal(url.searchParams.get('redirect_uri'), 'https://admin.shop.example/api/amazon-auth/callback');
  });
});
