// Prints the closing lines of a vitest JSON report: one per suite, then the
// plain "tests: N passed, N failed" line that CI reads.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const suites = new Map();
for (const file of report.testResults) {
  const suite = /\/test\/(\w+)\//.exec(file.name)?.[1] ?? 'other';
  const counts = suites.get(suite) ?? { passed: 0, failed: 0, skipped: 0 };
  for (const test of file.assertionResults) {
    if (test.status === 'passed') counts.passed += 1;
    else if (test.status === 'failed') counts.failed += 1;
    else counts.skipped += 1;
  }
  suites.set(suite, counts);
}
for (const [suite, c] of suites) {
  console.log(
    `${suite}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`,
  );
}
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
);
