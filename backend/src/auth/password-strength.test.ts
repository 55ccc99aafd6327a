import assert from 'node:assert/strict';
import { passwordProblem } from './password-strength';

describe('password strength', () => {
  it('refuses repeated, sequential, keyboard and common passwords with the reason', () => {
    assert.match(passwordProblem('aaaaaaaaaa') ?? '', /^is too easy to guess\. Repeated characters/);
    assert.match(passwordProblem('          ') ?? '', /^is too easy to guess\. Repeated characters/);
    assert.match(passwordProblem('1234567890') ?? '', /^is too easy to guess\. This is a frequently used password/);
    assert.match(passwordProblem('qwertyuiop') ?? '', /^is too easy to guess\./);
    assert.match(passwordProblem('Password1!') ?? '', /similar to a commonly used password/);
  });

  it('keeps the minimum length before anything else', () => {
    assert.equal(passwordProblem('Xk9#q'), 'must be at least 10 characters');
  });

  it('counts the account’s e-mail and name, and each part of them, as guessable', () => {
    assert.equal(passwordProblem('HildegardBingen'), null);
    assert.match(passwordProblem('HildegardBingen', ['hildegard@example.com', 'Hildegard of Bingen']) ?? '', /personal/);
  });

  it('accepts a few ordinary words joined together, and the passwords the test suites use', () => {
    for (const password of [
      'tangerine-lamp-orbit',
      'admin-password-123',
      'manager-password-123',
      'second-admin-pass-1',
      'long-enough-pw',
    ]) {
      assert.equal(passwordProblem(password, ['someone@example.com', 'Some One']), null, password);
    }
  });

  it('answers quickly for a very long input (only the start is scored)', () => {
    const long = 'P4$$w0rd!'.repeat(110);
    const started = Date.now();
    passwordProblem(long);
    assert.ok(Date.now() - started < 2_000);
  });
});
