// Mocha runs TypeScript through tsx; the test command (scripts/test.ts) picks the spec files per tier.
module.exports = {
  'node-option': ['import=tsx'],
  timeout: 20000,
  exit: true,
};
