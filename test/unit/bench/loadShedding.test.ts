import { describe, expect, it } from 'vitest';
import {
  type SheddingScenario,
  simulateLoadShedding,
} from '../../../bench/loadShedding';
import { seededRandom } from '../../../bench/stats';

const scenario: SheddingScenario = {
  clients: 100,
  capacityPerSlot: 5,
  slotInMillis: 10,
  maxSlots: 10_000,
};

describe('simulateLoadShedding', () => {
  it('serves every client without backoff, paying for every refusal', () => {
    const result = simulateLoadShedding(scenario, () => 0, seededRandom(1));

    // 100 + 95 + ... + 5: each slot, five clients get through.
    expect(result.calls).toBe(1_050);
    expect(result.completed).toBe(100);
    expect(result.completionInMillis).toBe(200);
  });

  it('adds each retry delay to the time the refusal came back', () => {
    const twoClients = { ...scenario, clients: 2, capacityPerSlot: 1 };

    const result = simulateLoadShedding(twoClients, () => 35, seededRandom(1));

    // Refused at the end of slot 0 (10 ms), sent again at 45 ms: slot 4.
    expect(result.calls).toBe(3);
    expect(result.completionInMillis).toBe(50);
  });

  it('passes each client its own retry count', () => {
    const seen: number[] = [];
    const threeClients = { ...scenario, clients: 3, capacityPerSlot: 1 };

    simulateLoadShedding(
      threeClients,
      (retryIndex) => {
        seen.push(retryIndex);
        return 0;
      },
      seededRandom(1),
    );

    expect(seen).toEqual([0, 0, 1]);
  });

  it('stops at the slot limit, leaving waiting clients unserved', () => {
    const short = { ...scenario, maxSlots: 3 };

    const result = simulateLoadShedding(short, () => 0, seededRandom(1));

    expect(result.completed).toBe(15);
    expect(result.calls).toBe(100 + 95 + 90);
  });

  it('gives the same result for the same seed', () => {
    const jitter = (retryIndex: number, random: () => number) =>
      Math.floor(random() * 100 * 2 ** retryIndex);

    const first = simulateLoadShedding(scenario, jitter, seededRandom(7));
    const second = simulateLoadShedding(scenario, jitter, seededRandom(7));

    expect(second).toEqual(first);
  });

  it('does less work with jittered delays than with synchronised ones', () => {
    const exponential = (retryIndex: number) =>
      Math.min(2_000, 100 * 2 ** retryIndex);
    const jittered = (retryIndex: number, random: () => number) =>
      Math.floor(random() * 100 * 2 ** retryIndex);

    const together = simulateLoadShedding(
      scenario,
      exponential,
      seededRandom(3),
    );
    const spread = simulateLoadShedding(scenario, jittered, seededRandom(3));

    expect(together.calls).toBe(1_050);
    expect(spread.calls).toBeLessThan(together.calls / 2);
  });
});
