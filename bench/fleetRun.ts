import { type RequestCounts, totalRequests } from './dynamoDbRequests';
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
  /**
   * Open period of the outage run: the library's default, so no probe
   * joins the count before the slowest environment is refused.
   */
  outageResetTimeoutInMillis: 60_000,
  /** Open period of the probe run: short, to see several periods. */
  probeResetTimeoutInMillis: 400,
  periodsWanted: 4,
  /** Time between two invocations of one environment. */
  paceInMillis: 10,
} as const;

const { environments, periodsWanted, paceInMillis } = fleetSettings;
const outageLimitInMillis = 30_000;

/** What the outage run observed: the fleet until every member refuses. */
export interface OutageRun {
  /** Calls that reached the dead service. */
  readonly calls: number;
  /** DynamoDB requests of the whole fleet meanwhile. */
  readonly requests: RequestCounts;
  /** Store errors the breakers counted (each one a call let through). */
  readonly storeErrors: number;
}

/** What the probe run observed, once the fleet had refused. */
export interface ProbeRun {
  /** Calls in each open period, of the fleet (shared) or of each breaker. */
  readonly periods: readonly number[];
  /** Calls per open period across the whole fleet. */
  readonly fleetCallsPerPeriod: number;
  /** Store errors the breakers counted while the periods were observed. */
  readonly storeErrors: number;
}

/** The mean of `values`, NaN when there are none. */
export const mean = (values: readonly number[]): number =>
  values.length === 0
    ? Number.NaN
    : values.reduce((a, b) => a + b, 0) / values.length;

const sum = (
  fleet: readonly FleetEnvironment[],
  pick: (e: FleetEnvironment) => number,
) => fleet.reduce((total, env) => total + pick(env), 0);

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
  const periods = Array.from(
    { length: environments },
    (_, i) => openPeriods(events, i).callsPerPeriod,
  ).flat();
  return { periods, fleetCallsPerPeriod: mean(periods) * environments };
};

/**
 * Makes a fleet, each environment with its own breaker in memory or all
 * sharing one dynalite table (`shared`), lets every environment invoke
 * against the dead service until it is refused, then hands it to `work`.
 */
const withOpenedFleet = async <T>(
  endpoint: string,
  shared: boolean,
  resetTimeoutInMillis: number,
  work: (fleet: FleetEnvironment[], events: FleetEvent[]) => Promise<T>,
): Promise<T> => {
  const events: FleetEvent[] = [];
  const table = shared
    ? { endpoint, tableName: await freshTable(endpoint, 'bench-fleet') }
    : undefined;
  const fleet = fleetOf({ table, environments, resetTimeoutInMillis, events });
  try {
    const refused = (_: FleetEnvironment, wasRefused: boolean) => wasRefused;
    await invokeUntil(fleet, refused, paceInMillis, outageLimitInMillis);
    return await work(fleet, events);
  } finally {
    for (const env of fleet) env.close();
  }
};

/** Calls a dead service gets before every environment of a fleet refuses. */
export const runOutage = (
  endpoint: string,
  shared: boolean,
): Promise<OutageRun> =>
  withOpenedFleet(
    endpoint,
    shared,
    fleetSettings.outageResetTimeoutInMillis,
    async (fleet) => ({
      calls: sum(fleet, (e) => e.calls),
      requests: totalRequests(fleet.map((e) => e.requests)),
      storeErrors: sum(fleet, (e) => e.storeErrors),
    }),
  );

/**
 * Calls per open period once a fleet refuses, the service still dead and
 * every environment still invoking, over `periodsWanted` periods.
 */
export const runProbes = (
  endpoint: string,
  shared: boolean,
): Promise<ProbeRun> => {
  const resetTimeoutInMillis = fleetSettings.probeResetTimeoutInMillis;
  return withOpenedFleet(
    endpoint,
    shared,
    resetTimeoutInMillis,
    async (fleet, events) => {
      events.length = 0;
      const errorsBefore = sum(fleet, (e) => e.storeErrors);
      const limitInMillis = resetTimeoutInMillis * (periodsWanted + 10);
      const done = () => periodsDone(events, shared);
      await invokeUntil(fleet, done, paceInMillis, limitInMillis);
      const storeErrors = sum(fleet, (e) => e.storeErrors) - errorsBefore;
      return { ...periodsOf(events, shared), storeErrors };
    },
  );
};
