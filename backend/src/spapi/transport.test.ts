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
});
