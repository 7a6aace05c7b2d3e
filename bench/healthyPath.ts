import type { BreakerRuleOptions } from '../src/breaker/rules';
import { DynamoDbBreakerStore } from '../src/breaker/store/dynamoDbBreakerStore';
import { createDocumentClient } from '../src/dynamoDb/documentClient';
import { countRequests, type RequestCounts } from './dynamoDbRequests';
import { lambdaContext, manualClock, nextTurn } from './fixtures';
import { freshTable } from './localTable';
import type { BenchEnvironment, Goal, Section, SectionResult } from './report';
import { resilientHandler, statusEvent } from './stacks';
import { formatNumber, ratio, renderTable } from './table';

const invocations = 1_000;
const stepInMillis = 5;
const spanInMillis = invocations * stepInMillis;

interface Scenario {
  readonly name: string;
  readonly breaker: BreakerRuleOptions & { cacheTtlInMillis?: number };
  /** Whether it is a baseline, checked for writes only. */
  readonly baseline?: boolean;
}

const scenarios: readonly Scenario[] = [
  {
    name: 'no cache, TTL 0 (baseline)',
    breaker: { cacheTtlInMillis: 0 },
    baseline: true,
  },
  { name: 'TTL 1,000 ms (deployed default)', breaker: {} },
  {
    name: 'TTL 1,000 ms + failure-rate rule 50 %',
    breaker: { failureRateThresholdPercent: 50 },
  },
];

const ttlOf = (scenario: Scenario): number =>
  scenario.breaker.cacheTtlInMillis ?? 1_000;

const expectedReads = (scenario: Scenario): number =>
  ttlOf(scenario) === 0
    ? invocations
    : Math.ceil(spanInMillis / ttlOf(scenario));

/**
 * Runs `invocations` healthy invocations in one environment, through the
 * whole stack with the real DynamoDB store on dynalite, the clock moving
 * `stepInMillis` between invocations, and counts requests at the client.
 */
const healthyRun = async (
  endpoint: string,
  scenario: Scenario,
): Promise<RequestCounts & { calls: number }> => {
  const tableName = await freshTable(endpoint, 'bench-healthy');
  const client = createDocumentClient(endpoint);
  const counts = countRequests(client);
  const clock = manualClock();
  const store = new DynamoDbBreakerStore({ tableName, client, clock });
  let calls = 0;
  const healthy = async () => {
    calls += 1;
    await nextTurn();
    return { status: 'SETTLED' };
  };
  const handler = resilientHandler(healthy, {
    store,
    clock,
    breaker: scenario.breaker,
  });
  for (let i = 0; i < invocations; i++) {
    await handler(statusEvent, lambdaContext());
    clock.advance(stepInMillis);
  }
  client.destroy();
  return { ...counts, calls };
};

const goalsOf = (scenario: Scenario, counts: RequestCounts): Goal[] => {
  const writes: Goal = {
    description: `${scenario.name}: ${counts.writes} writes (goal 0)`,
    met: counts.writes === 0,
    enforced: true,
  };
  if (scenario.baseline) return [writes];
  const expected = expectedReads(scenario);
  const reads: Goal = {
    description:
      `${scenario.name}: ${counts.reads} reads ` +
      `(goal about ${expected}, at most ${expected + 1})`,
    met: counts.reads <= expected + 1,
    enforced: true,
  };
  return [writes, reads];
};

/**
 * DynamoDB requests per 1,000 healthy invocations in one environment,
 * with the breaker's cache against a read on every call.
 */
export const healthyPathSection: Section = {
  name: 'healthy',
  run: async ({
    dynamoDbEndpoint,
  }: BenchEnvironment): Promise<SectionResult> => {
    const rows = [];
    const goals: Goal[] = [];
    let baselineReads = 0;
    for (const scenario of scenarios) {
      const counts = await healthyRun(dynamoDbEndpoint, scenario);
      if (scenario.baseline) baselineReads = counts.reads;
      rows.push([
        scenario.name,
        counts.calls,
        counts.reads,
        expectedReads(scenario),
        ratio(counts.reads, baselineReads),
        counts.writes,
      ]);
      goals.push(...goalsOf(scenario, counts));
    }
    return {
      title:
        '4. DynamoDB requests per 1,000 healthy invocations, one environment',
      lines: [
        'Real DynamoDbBreakerStore on dynalite, whole middleware stack, ' +
          'requests counted at the client;',
        `${formatNumber(invocations)} invocations over ` +
          `${formatNumber(spanInMillis)} ms of injected time.`,
        '',
        ...renderTable(
          [
            'breaker',
            'invocations',
            'reads',
            'expected reads',
            'reads /base',
            'writes',
          ],
          rows,
        ),
      ],
      goals,
    };
  },
};
