import assert from 'node:assert/strict';
import { consentDoneOf, consentQueryOf, listenForConsentReturns, type Channel } from './consent-return';

function fakeChannel() {
  const sent: unknown[] = [];
  const channel: Channel & { sent: unknown[]; closed: boolean; name?: string } = {
    sent,
    closed: false,
    onmessage: null,
    postMessage: (m) => void sent.push(m),
    close() {
      this.closed = true;
    },
  };
  return channel;
}

describe('consent return (the Seller Central tab tells the admin tab)', () => {
  it('answers a consent-done on the asc-consent channel and hands the store over; ignores anything else', () => {
    const channel = fakeChannel();
    let name = '';
    const done: unknown[] = [];
    const stop = listenForConsentReturns(
      (n) => {
        name = n;
        return channel;
      },
      (m) => done.push(m),
    );
    assert.equal(name, 'asc-consent');
    channel.onmessage!({ data: { type: 'consent-ack', id: 'x' } });
    channel.onmessage!({ data: 'hello' });
    channel.onmessage!({ data: { type: 'consent-done', id: 'a1', storeId: 3, outcome: 'connected' } });
    assert.deepEqual(channel.sent, [{ type: 'consent-ack', id: 'a1' }]);
    assert.deepEqual(done, [{ type: 'consent-done', id: 'a1', storeId: 3, outcome: 'connected' }]);
    stop();
    assert.equal(channel.closed, true);
  });

  it('without BroadcastChannel it listens to nothing (the consent tab returns to the admin itself)', () => {
    const stop = listenForConsentReturns(
      () => null,
      () => assert.fail('nothing to hear'),
    );
    stop();
  });

  it('checks every field of the message', () => {
    const ok = { type: 'consent-done', id: 'a', storeId: 1, outcome: 'renewed' };
    assert.deepEqual(consentDoneOf(ok), ok);
    for (const bad of [
      null,
      7,
      { ...ok, id: '' },
      { ...ok, storeId: 0 },
      { ...ok, storeId: '1' },
      { ...ok, outcome: 'denied' },
      { ...ok, type: 'x' },
    ])
      assert.equal(consentDoneOf(bad), null, JSON.stringify(bad));
  });

  it('reads the way back, ?consent= on the store’s page', () => {
    assert.deepEqual(consentQueryOf({ consent: 'connected' }, '4'), { storeId: 4, outcome: 'connected' });
    assert.equal(consentQueryOf({ consent: 'denied' }, '4'), null);
    assert.equal(consentQueryOf({}, '4'), null);
    assert.equal(consentQueryOf({ consent: 'renewed' }, undefined), null);
  });
});
