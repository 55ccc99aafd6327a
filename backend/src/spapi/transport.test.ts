import assert from 'node:assert/strict';
import { createTransport, LoopbackAgent } from './transport';

describe('spapi transport', () => {
  it('live mode changes nothing: no agent override', () => {
    const t = createTransport('live', 8443);
    assert.equal(t.agent, undefined);
  });

  it('simulator mode routes every request through a loopback agent trusting the simulator CA', () => {
    const t = createTransport('simulator', 8443);
    try {
      assert.ok(t.agent instanceof LoopbackAgent);
    } finally {
      t.close();
    }
  });

  it('sends a browser to Amazon Seller Central live, and to the loopback Seller Central of the simulator otherwise', () => {
    assert.equal(createTransport('live', 8443).sellerCentralUrl('sellercentral.amazon.de'), 'https://sellercentral.amazon.de');
    const t = createTransport('simulator', 8443, undefined, 9444);
    try {
      assert.equal(t.sellerCentralUrl('sellercentral.amazon.com'), 'http://127.0.0.1:9444/sellercentral.amazon.com');
      assert.equal(
        createTransport('simulator', 8443).sellerCentralUrl('https://sellercentral.amazon.co.uk/'),
        'http://127.0.0.1:8444/sellercentral.amazon.co.uk',
      );
    } finally {
      t.close();
    }
  });
});
