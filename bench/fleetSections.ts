import {
  fleetSettings,
  mean,
  type OutageRun,
  type ProbeRun,
  runOutage,
  runProbes,
} from './fleetRun';
import type { BenchEnvironment, Goal, Section, SectionResult } from './report';
import { formatNumber, ratio, renderTable } from './table';

const { environments, threshold, paceInMillis } = fleetSettings;

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

const outageTable = (baseline: OutageRun, shared: OutageRun): string[] => {
  const row = (name: string, run: OutageRun, bound: string) => [
    name,
    run.calls,
    bound,
    ratio(run.calls, baseline.calls),
    run.requests.reads,
    run.requests.writes,
    run.storeErrors,
  ];
  return renderTable(outageHeader, [
    row(baselineName, baseline, `${environments} × ${threshold}`),
    row(sharedName, shared, `${threshold} + ${environments}`),
  ]);
};

/**
 * A count goal of the shared fleet. It holds only while the store answers:
 * a store error lets a call through (fail open) by design, so with store
 * errors (a machine too busy for the store timeout) it is shown, not
 * enforced.
 */
const countGoal = (
  description: string,
  met: boolean,
  storeErrors: number,
): Goal => ({
  description:
    storeErrors === 0
      ? description
      : `${description}; not enforced: ${storeErrors} store errors`,
  met,
  enforced: storeErrors === 0,
});

const outageResult = (
  baseline: OutageRun,
  shared: OutageRun,
): SectionResult => {
  const bound = threshold + environments;
  const goal = countGoal(
    `shared breaker: ${shared.calls} calls reach the dead service ` +
      `(goal <= ${bound})`,
    shared.calls <= bound,
    shared.storeErrors,
  );
  return {
    title:
      `5. Fleet of ${environments} environments, dead service: ` +
      'calls before every environment refuses',
    lines: [
      `Threshold ${threshold} consecutive failures; whole middleware stack ` +
        '(3 attempts, retry budget);',
      `each environment invokes every ${paceInMillis} ms until refused; ` +
        `open period ${formatNumber(fleetSettings.outageResetTimeoutInMillis)} ms.`,
      '',
      ...outageTable(baseline, shared),
    ],
    goals: [goal],
  };
};

const probesTable = (baseline: ProbeRun, shared: ProbeRun): string[] => {
  const row = (name: string, run: ProbeRun, periods: string) => [
    name,
    run.periods.length,
    periods,
    run.fleetCallsPerPeriod,
    run.storeErrors,
  ];
  const perBreaker = `${formatNumber(mean(baseline.periods))} per breaker`;
  return renderTable(
    [
      'breakers',
      'periods',
      'calls in each period',
      'fleet calls per period',
      'store errors',
    ],
    [
      row(baselineName, baseline, perBreaker),
      row(sharedName, shared, shared.periods.join(', ')),
    ],
  );
};

const probesResult = (baseline: ProbeRun, shared: ProbeRun): SectionResult => {
  const { periods } = shared;
  const goal = countGoal(
    `shared breaker: calls per open period ${periods.join(', ')} ` +
      '(goal exactly 1 each)',
    periods.length > 0 && periods.every((calls) => calls === 1),
    shared.storeErrors,
  );
  return {
    title:
      `6. Probes per open period, ${environments} environments, dead service ` +
      `(reset timeout ${fleetSettings.probeResetTimeoutInMillis} ms)`,
    lines: [
      'A fresh fleet, opened as above, then invoking on; periods counted ' +
        'per breaker:',
      'the shared fleet has one, each in-memory environment its own.',
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
    const outage = {
      baseline: await runOutage(dynamoDbEndpoint, false),
      shared: await runOutage(dynamoDbEndpoint, true),
    };
    const probes = {
      baseline: await runProbes(dynamoDbEndpoint, false),
      shared: await runProbes(dynamoDbEndpoint, true),
    };
    return [
      outageResult(outage.baseline, outage.shared),
      probesResult(probes.baseline, probes.shared),
    ];
  },
};
