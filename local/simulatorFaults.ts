import type { RandomSource } from '../src/clock';
import type { Fault, FaultAction } from './simulatorFaultSpec';

/** A fault still in effect, with how many requests it has left. */
export type PendingFault = Fault & { remaining?: number };

interface Entry {
  readonly fault: Fault;
  remaining: number;
}

/**
 * The faults in effect, in the order they were added. For each request the
 * first fault that applies wins: a counted fault applies until its count is
 * used up, a probabilistic one applies to each request with its probability.
 * A request no fault applies to is answered normally.
 */
export class FaultPlan {
  readonly #random: RandomSource;
  #entries: Entry[] = [];

  constructor(random: RandomSource) {
    this.#random = random;
  }

  /** Adds faults after the ones already in effect. */
  add(faults: readonly Fault[]): void {
    for (const fault of faults) {
      this.#entries.push({ fault, remaining: fault.count ?? 0 });
    }
  }

  /** The action for the next request, or undefined to answer normally. */
  take(): FaultAction | undefined {
    for (const entry of this.#entries) {
      if (this.#applies(entry)) return entry.fault;
    }
    return undefined;
  }

  /** The faults still in effect. */
  pending(): PendingFault[] {
    return this.#entries.map(({ fault, remaining }) =>
      fault.probability === undefined ? { ...fault, remaining } : fault,
    );
  }

  /** Removes every fault. */
  clear(): void {
    this.#entries = [];
  }

  #applies(entry: Entry): boolean {
    const { probability } = entry.fault;
    if (probability !== undefined) return this.#random() < probability;
    if (entry.remaining === 0) return false;

    entry.remaining -= 1;
    if (entry.remaining === 0) {
      this.#entries = this.#entries.filter((other) => other !== entry);
    }
    return true;
  }
}

/** How a request to `/status` was answered. */
export const Outcome = {
  ok: 'ok',
  notFound: 'notFound',
  status: 'status',
  hang: 'hang',
  reset: 'reset',
  badBody: 'badBody',
} as const;

/** One of the {@link Outcome} values. */
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** What `GET /__stats` reports. */
export interface SimulatorStats {
  /** Requests received on `/status`, whatever their outcome. */
  requests: number;
  /** Requests per outcome; a delayed request counts under its answer. */
  outcomes: Record<Outcome, number>;
  /** Requests answered after an injected delay. */
  delayed: number;
  /**
   * When the latest requests arrived, in epoch milliseconds, oldest first
   * (the last {@link maxArrivalsKept}), so tests can measure backoff gaps.
   */
  arrivalsInMillis: number[];
}

/** How many arrival times the stats keep. */
export const maxArrivalsKept = 100;

/** A fresh, all-zero {@link SimulatorStats}. */
export const emptyStats = (): SimulatorStats => ({
  requests: 0,
  outcomes: { ok: 0, notFound: 0, status: 0, hang: 0, reset: 0, badBody: 0 },
  delayed: 0,
  arrivalsInMillis: [],
});
