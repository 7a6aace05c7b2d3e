import { totalRequests } from './dynamoDbRequests';
import {
  type FleetEnvironment,
  type FleetEvent,
  fleetOf,
  invokeUntil,
} from './fleet';
import { freshTable } from './localTable';
import { openPeriods } from './openPeriods';

/** The fleet's settings, printed with its figures. */
export const fleetSettings = {
  environments: 20,
  /** The breaker's default consecutive-failure threshold. */
  threshold: 5,
  resetTimeoutInMillis: 400,
  periodsWanted: 4,
  /** Time between two invocations of one environment. */
  paceInMillis: 10,
} as const;

const { environments, resetTimeoutInMillis, periodsWanted, paceInMillis } =
  fleetSettings;

/** What one fleet run observed. */
export interface FleetRun {
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

/** The mean of `values`, NaN when there are none. */
export const mean = (values: readonly number[]): number =>
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
 * periods, counting the calls that reach the service in each. `shared`
 * puts every breaker on one dynalite table; otherwise each environment
 * keeps its own in memory.
 */
export const runFleet = async (
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
