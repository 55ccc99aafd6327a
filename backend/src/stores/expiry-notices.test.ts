import assert from 'node:assert/strict';
import { DAY_MS } from '../jobs/clock';
import { coveringThresholds, crossedThreshold } from './expiry-notices';

const now = new Date('2027-06-01T12:00:00Z');
const left = (days: number) => new Date(now.getTime() + days * DAY_MS);

describe('renewal reminders', () => {
  it('no reminder above 30 days or after expiry', () => {
    assert.equal(crossedThreshold(left(31), now), null);
    assert.equal(crossedThreshold(left(-1), now), null);
  });

  it('the tightest crossed threshold is due', () => {
    assert.equal(crossedThreshold(left(30), now), 30);
    assert.equal(crossedThreshold(left(25), now), 30);
    assert.equal(crossedThreshold(left(7), now), 7);
    assert.equal(crossedThreshold(left(0.5), now), 1);
  });

  it('a 7-day reminder is redundant once a 7- or 1-day one exists, not because of the 30-day one', () => {
    assert.deepEqual(coveringThresholds(7), [7, 1]);
    assert.deepEqual(coveringThresholds(30), [30, 7, 1]);
  });
});
