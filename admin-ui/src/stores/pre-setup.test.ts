import assert from 'node:assert/strict';
import { dismissPreSetup, preSetupDismissed, showPreSetup } from './pre-setup';
import { memoryStorage, provideStorage } from './storage';

describe('pre-setup window (before the first store)', () => {
  beforeEach(() => provideStorage(memoryStorage()));

  it('shows only while there is no store yet and the admin has not dismissed it', () => {
    assert.equal(showPreSetup(0, true, false), true);
    assert.equal(showPreSetup(1, true, false), false);
    assert.equal(showPreSetup(0, false, false), false, 'not before the stores are known');
    assert.equal(showPreSetup(0, true, true), false);
  });

  it('remembers the dismissal per admin', () => {
    assert.equal(preSetupDismissed(7), false);
    dismissPreSetup(7);
    assert.equal(preSetupDismissed(7), true);
    assert.equal(preSetupDismissed(8), false);
  });
});
