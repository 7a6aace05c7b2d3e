import { totalRequests } from './dynamoDbRequests';
import {
  type FleetEnvironment,
  type FleetEvent,
  fleetOf,
  invokeUntil,
} from './fleet';
import { freshTable } from './localTable';
import { openPeriods } from './openPeriods';
import type { BenchEnvironment, Section, SectionResult } from './report';
import { formatNumber, ratio, renderTable } from './table';

const environments = 20;
const threshold = 5;
const resetTimeoutInMillis = 400;
const periodsWanted = 4;
const paceInMillis = 10;

interface FleetRun {
  readonly shared: boolean;
  /** Calls before every environment was refused once. */
  readonly outageCalls: number;
  readonly outageRequests: ReturnType<typeof totalRequests>;
  readonly storeErrors: number;
  /** Calls per open period, for the fleet (shared) or per breaker. */
  readonly periods: readonly number[];
  /** Calls per open period across the whole fleet. */
  readonly fleetCallsPerPeriod: number;
}

const opensOf = (events: readonly FleetEvent[], environment?: number) =>
  openPeriods(events, environment).callsPerPeriod.length;

// A shared breaker has one period sequence; per-environment breakers one each.
const periodsDone = (events: readonly FleetEvent[], shared: boolean) =>
  shared
    ? opensOf(events) >= periodsWanted
    : Array.from({ length: environments }).every(
        (_, i) => opensOf(events, i) >= periodsWanted,
      );

const periodsOf = (events: readonly FleetEvent[], shared: boolean) => {
  if (shared) {
    const periods = openPeriods(events).callsPerPeriod;
    return { periods, fleetCallsPerPeriod: mean(periods) };
  }
  const perBreaker = Array.from(
    { length: environments },
    (_, i) => openPeriods(events, i).callsPerPeriod,
  );
  const periods = perBreaker.flat();
  return { periods, fleetCallsPerPeriod: mean(periods) * environments };
};

const mean = (values: readonly number[]): number =>
  values.length === 0
    ? Number.NaN
    : values.reduce((a, b) => a + b, 0) / values.length;

const sum = (
  fleet: readonly FleetEnvironment[],
  pick: (e: FleetEnvironment) => number,
) => fleet.reduce((total, env) => total + pick(env), 0);

/**
 * Runs a fleet against a dead service: first until every environment has
 * been refused once (the outage), then on, for `periodsWanted` open
 * periods, counting the calls that reach the service in each.
 */
const runFleet = async (
  endpoint: string,
  shared: boolean,
): Promise<FleetRun> => {
  const events: FleetEvent[] = [];
  const table = shared
    ? { endpoint, tableName: await freshTable(endpoint, 'bench-fleet') }
    : undefined;
  const fleet = fleetOf({ table, environments, resetTimeoutInMillis, events });
  try {
    await invokeUntil(fleet, (_, refused) => refused, paceInMillis, 30_000);
    const outageCalls = sum(fleet, (e) => e.calls);
    const outageRequests = totalRequests(fleet.map((e) => e.requests));
    events.length = 0;
    await invokeUntil(
      fleet,
      () => periodsDone(events, shared),
      paceInMillis,
      resetTimeoutInMillis * (periodsWanted + 10),
    );
    return {
      shared,
      outageCalls,
      outageRequests,
      storeErrors: sum(fleet, (e) => e.storeErrors),
      ...periodsOf(events, shared),
    };
  } finally {
    for (const env of fleet) env.close();
  }
};

const outageResult = (baseline: FleetRun, shared: FleetRun): SectionResult => {
  const bound = threshold + environments;
  const row = (name: string, run: FleetRun, limit: string) => [
    name,
    run.outageCalls,
    limit,
    ratio(run.outageCalls, baseline.outageCalls),
    run.outageRequests.reads,
    run.outageRequests.writes,
    run.storeErrors,
  ];
  return {
    title: `5. Fleet of ${environments} environments against a dead service: calls before every environment refuses`,
    lines: [
      `Threshold ${threshold} consecutive failures; whole middleware stack (3 attempts, budget); ` +
        `each environment invokes every ${paceInMillis} ms until it is refused.`,
      '',
      ...renderTable(
        [
          'breakers',
          'calls',
          'bound',
          'calls /base',
          'DDB reads',
          'DDB writes',
          'store errors',
        ],
        [
          row(
            `${environments} in-memory, per environment (baseline)`,
            baseline,
            `${environments} × ${threshold}`,
          ),
          row(
            'one shared on dynalite',
            shared,
            `${threshold} + ${environments}`,
          ),
        ],
      ),
    ],
    goals: [
      {
        description: `shared breaker: ${shared.outageCalls} calls reach the dead service (goal <= ${bound})`,
        met: shared.outageCalls <= bound,
        enforced: true,
      },
    ],
  };
};

const probesResult = (baseline: FleetRun, shared: FleetRun): SectionResult => {
  const allOne =
    shared.periods.length > 0 && shared.periods.every((c) => c === 1);
  const row = (name: string, run: FleetRun, periods: string) => [
    name,
    run.periods.length,
    periods,
    run.fleetCallsPerPeriod,
  ];
  return {
    title: `6. Probes per open period, same fleet, service still dead (reset ${resetTimeoutInMillis} ms)`,
    lines: renderTable(
      ['breakers', 'periods', 'calls in each period', 'fleet calls per period'],
      [
        row(
          `${environments} in-memory (baseline)`,
          baseline,
          `${formatNumber(mean(baseline.periods))} per breaker`,
        ),
        row('one shared on dynalite', shared, shared.periods.join(', ')),
      ],
    ),
    goals: [
      {
        description: `shared breaker: calls per open period ${shared.periods.join(', ')} (goal exactly 1 each)`,
        met: allOne,
        enforced: true,
      },
    ],
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
