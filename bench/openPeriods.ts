import type { FleetEvent } from './fleet';

/** Calls counted between opens of a breaker. */
export interface OpenPeriods {
  /** Calls in each complete period, which ends when the breaker reopens. */
  readonly callsPerPeriod: readonly number[];
  /** Calls after the last open, in a period still running. */
  readonly trailingCalls: number;
}

/**
 * Splits the calls by the opens that followed them. A probe that fails
 * reopens the circuit, so each period holds the calls that reached the
 * service while it was open, its probe included: one per period when a
 * single environment probes. With `environment`, only that environment's
 * calls and opens count (a breaker of its own).
 */
export const openPeriods = (
  events: readonly FleetEvent[],
  environment?: number,
): OpenPeriods => {
  const callsPerPeriod: number[] = [];
  let calls = 0;
  for (const event of events) {
    if (environment !== undefined && event.environment !== environment) {
      continue;
    }
    if (event.kind === 'call') {
      calls += 1;
    } else {
      callsPerPeriod.push(calls);
      calls = 0;
    }
  }
  return { callsPerPeriod, trailingCalls: calls };
};
