import type { RandomSource } from '../src/clock';

/**
 * How long a client waits before its next try, given how many retries it
 * already made (0 before the first retry).
 */
export type BackoffStrategy = (
  retryIndex: number,
  random: RandomSource,
) => number;

/** The simulated service and its clients. */
export interface SheddingScenario {
  /** Clients that each need one accepted request; all start at time 0. */
  readonly clients: number;
  /** Requests the service accepts per slot; it answers 503 to the rest. */
  readonly capacityPerSlot: number;
  /** Length of a slot; every request is answered at the end of its slot. */
  readonly slotInMillis: number;
  /** The simulation stops here even if clients are still retrying. */
  readonly maxSlots: number;
}

/** What one run of the simulation observed. */
export interface SheddingResult {
  /** Requests that reached the service: the work it did. */
  readonly calls: number;
  /** Clients whose request was accepted. */
  readonly completed: number;
  /** When the last accepted request was answered. */
  readonly completionInMillis: number;
}

/** Fisher-Yates, in place, with the injected random source. */
const shuffle = (items: number[], random: RandomSource): number[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
  return items;
};

const schedule = (
  arrivals: Map<number, number[]>,
  slot: number,
  client: number,
): void => {
  const waiting = arrivals.get(slot);
  if (waiting === undefined) arrivals.set(slot, [client]);
  else waiting.push(client);
};

/**
 * Simulates `clients` retrying against a service that sheds load, in
 * simulated time (no clock, no timers). Every client sends at time 0; each
 * slot, the service accepts at most `capacityPerSlot` of the requests that
 * arrived in it, in random order, and answers 503 to the others at the end
 * of the slot; a refused client sends again after its backoff.
 * Deterministic for a given random source.
 */
export const simulateLoadShedding = (
  scenario: SheddingScenario,
  backoff: BackoffStrategy,
  random: RandomSource,
): SheddingResult => {
  const retries = new Array<number>(scenario.clients).fill(0);
  const arrivals = new Map<number, number[]>([
    [0, Array.from({ length: scenario.clients }, (_, id) => id)],
  ]);
  let calls = 0;
  let completed = 0;
  let completionInMillis = 0;
  for (let slot = 0; slot < scenario.maxSlots && arrivals.size > 0; slot++) {
    const arrived = shuffle(arrivals.get(slot) ?? [], random);
    arrivals.delete(slot);
    calls += arrived.length;
    const answeredAtInMillis = (slot + 1) * scenario.slotInMillis;
    for (const [position, client] of arrived.entries()) {
      if (position < scenario.capacityPerSlot) {
        completed += 1;
        completionInMillis = answeredAtInMillis;
        continue;
      }
      const delayInMillis = backoff(retries[client] ?? 0, random);
      retries[client] = (retries[client] ?? 0) + 1;
      const next = Math.floor(
        (answeredAtInMillis + delayInMillis) / scenario.slotInMillis,
      );
      schedule(arrivals, next, client);
    }
  }
  return { calls, completed, completionInMillis };
};
