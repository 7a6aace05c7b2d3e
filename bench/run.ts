import { startLocalDynamoDb } from '../local/dynamodb';
import { amplificationSection } from './amplification';
import { backoffSection } from './backoff';
import { fleetSection } from './fleetSections';
import { healthyPathSection } from './healthyPath';
import { overheadSection } from './overhead';
import { failedGoals, type Section, type SectionResult } from './report';

// Dummy credentials: the SDK must never look for real ones on this machine.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_REGION ??= 'us-east-1';

const sections: readonly Section[] = [
  overheadSection,
  amplificationSection,
  backoffSection,
  healthyPathSection,
  fleetSection,
];

const print = (result: SectionResult): void => {
  console.log(`\n## ${result.title}\n`);
  for (const line of result.lines) console.log(line);
  if (result.goals.length > 0) console.log('');
  for (const goal of result.goals) {
    const mark = goal.met ? 'ok  ' : goal.enforced ? 'FAIL' : 'miss';
    console.log(`${mark} ${goal.description}`);
  }
};

/** The sections named on the command line, or all of them. */
const chosen = (names: readonly string[]): readonly Section[] => {
  const unknown = names.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length > 0) {
    const known = sections.map((s) => s.name).join(', ');
    throw new Error(`unknown section ${unknown.join(', ')}; known: ${known}`);
  }
  return names.length === 0
    ? sections
    : sections.filter((section) => names.includes(section.name));
};

const runSections = async (
  selected: readonly Section[],
): Promise<SectionResult[]> => {
  const dynamoDb = await startLocalDynamoDb();
  const results: SectionResult[] = [];
  try {
    for (const section of selected) {
      const output = await section.run({
        dynamoDbEndpoint: dynamoDb.endpoint,
      });
      for (const result of Array.isArray(output) ? output : [output]) {
        print(result);
        results.push(result);
      }
    }
  } finally {
    await dynamoDb.close();
  }
  return results;
};

const main = async (): Promise<void> => {
  const startedAtInMillis = performance.now();
  const results = await runSections(chosen(process.argv.slice(2)));
  const failed = failedGoals(results);
  const seconds = (performance.now() - startedAtInMillis) / 1000;
  console.log(
    `\n${failed.length} enforced goal(s) missed; ${seconds.toFixed(1)} s`,
  );
  for (const goal of failed) console.log(`FAIL ${goal.description}`);
  if (failed.length > 0) process.exitCode = 1;
};

await main();
