// Mocha reporter: the usual spec output, plus the run's counts written to $TEST_SUMMARY_FILE so the
// test command can add up several runs (SQLite, then MySQL) into one closing line.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const pendingReasons = [];
    runner.on('pending', (test) => pendingReasons.push(test.fullTitle()));
    runner.once('end', () => {
      const file = process.env.TEST_SUMMARY_FILE;
      if (!file) return;
      const s = runner.stats || {};
      fs.writeFileSync(file, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0, pendingReasons }));
    });
  }
}

module.exports = SummaryReporter;
