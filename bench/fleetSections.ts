import { type FleetRun, fleetSettings, mean, runFleet } from './fleetRun';
import type { BenchEnvironment, Goal, Section, SectionResult } from './report';
import { formatNumber, ratio, renderTable } from './table';

const { environments, threshold, resetTimeoutInMillis, paceInMillis } =
  fleetSettings;

const baselineName = `${environments} in-memory, one per environment (baseline)`;
const sharedName = 'one shared on dynalite';

const outageHeader = [
  'breakers',
  'calls',
  'bound',
  'calls /base',
  'DDB reads',
  'DDB writes',
  'store errors',
];

const outageTable = (baseline: FleetRun, shared: FleetRun): string[] => {
  const row = (name: string, run: FleetRun, bound: string) => [
    name,
    run.outageCalls,
    bound,
    ratio(run.outageCalls, baseline.outageCalls),
    run.outageRequests.reads,
    run.outageRequests.writes,
    run.storeErrors,
  ];
  return renderTable(outageHeader, [
    row(baselineName, baseline, `${environments} × ${threshold}`),
    row(sharedName, shared, `${threshold} + ${environments}`),
  ]);
};

const outageResult = (baseline: FleetRun, shared: FleetRun): SectionResult => {
  const bound = threshold + environments;
  const goal: Goal = {
    description:
      `shared breaker: ${shared.outageCalls} calls reach the dead ` +
      `service (goal <= ${bound})`,
    met: shared.outageCalls <= bound,
    enforced: true,
  };
  return {
    title:
      `5. Fleet of ${environments} environments, dead service: ` +
      'calls before every environment refuses',
    lines: [
      `Threshold ${threshold} consecutive failures; whole middleware stack ` +
        '(3 attempts, retry budget);',
      `each environment invokes every ${paceInMillis} ms until refused.`,
      '',
      ...outageTable(baseline, shared),
    ],
    goals: [goal],
  };
};

const probesTable = (baseline: FleetRun, shared: FleetRun): string[] => {
  const row = (name: string, run: FleetRun, periods: string) => [
    name,
    run.periods.length,
    periods,
    run.fleetCallsPerPeriod,
  ];
  const perBreaker = `${formatNumber(mean(baseline.periods))} per breaker`;
  return renderTable(
    ['breakers', 'periods', 'calls in each period', 'fleet calls per period'],
    [
      row(baselineName, baseline, perBreaker),
      row(sharedName, shared, shared.periods.join(', ')),
    ],
  );
};

const probesResult = (baseline: FleetRun, shared: FleetRun): SectionResult => {
  const { periods } = shared;
  const goal: Goal = {
    description:
      `shared breaker: calls per open period ${periods.join(', ')} ` +
      '(goal exactly 1 each)',
    met: periods.length > 0 && periods.every((calls) => calls === 1),
    enforced: true,
  };
  return {
    title:
      '6. Probes per open period, same fleet, service still dead ' +
      `(reset timeout ${resetTimeoutInMillis} ms)`,
    lines: [
      'Periods counted per breaker: the fleet shares one; each in-memory ' +
        'environment has its own.',
      '',
      ...probesTable(baseline, shared),
    ],
    goals: [goal],
  };
};

/**
 * The fleet simulation on real dynalite: calls a dead service receives
 * before the whole fleet refuses, then probes per open period, each against
 * per-environment breakers measured in the same run.
 */
export const fleetSection: Section = {
  name: 'fleet',
  run: async ({ dynamoDbEndpoint }: BenchEnvironment) => {
    const baseline = await runFleet(dynamoDbEndpoint, false);
    const shared = await runFleet(dynamoDbEndpoint, true);
    return [outageResult(baseline, shared), probesResult(baseline, shared)];
  },
};
