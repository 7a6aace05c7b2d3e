import { fullJitterDelayInMillis } from '../src/retry/backoff';
import {
  type BackoffStrategy,
  type SheddingResult,
  type SheddingScenario,
  simulateLoadShedding,
} from './loadShedding';
import type { Section, SectionResult } from './report';
import { seededRandom } from './stats';
import { formatNumber, ratio, renderTable } from './table';

const scenario: SheddingScenario = {
  clients: 100,
  capacityPerSlot: 5,
  slotInMillis: 10,
  maxSlots: 100_000,
};

// The retry middleware's defaults.
const shape = { baseDelayInMillis: 100, maxDelayInMillis: 2_000 };
const seeds = 20;

/** The strategies compared, the first being the baseline. */
export const strategies: readonly (readonly [string, BackoffStrategy])[] = [
  ['no backoff (baseline)', () => 0],
  [
    'exponential, no jitter',
    (retryIndex) =>
      Math.min(
        shape.maxDelayInMillis,
        shape.baseDelayInMillis * 2 ** retryIndex,
      ),
  ],
  [
    'full jitter (library)',
    (retryIndex, random) => fullJitterDelayInMillis(retryIndex, shape, random),
  ],
];

interface MeanResult {
  calls: number;
  completionInMillis: number;
  completed: number;
}

/** The mean over `seeds` runs, each with its own seeded random source. */
const meanOf = (backoff: BackoffStrategy): MeanResult => {
  const runs: SheddingResult[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    runs.push(simulateLoadShedding(scenario, backoff, seededRandom(seed)));
  }
  const mean = (pick: (r: SheddingResult) => number) =>
    runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    calls: mean((r) => r.calls),
    completionInMillis: mean((r) => r.completionInMillis),
    completed: mean((r) => r.completed),
  };
};

const setting = (): string[] => [
  `Service accepts ${scenario.capacityPerSlot} requests per ` +
    `${scenario.slotInMillis} ms slot and answers 503 to the rest.`,
  `Backoff base ${shape.baseDelayInMillis} ms, cap ` +
    `${formatNumber(shape.maxDelayInMillis)} ms; simulated time, ` +
    `mean of ${seeds} seeds.`,
];

const published = [
  'Published (AWS Architecture Blog, "Exponential Backoff And Jitter", ' +
    '2015): full jitter does the least',
  'work of the common strategies; exponential without jitter takes more ' +
    'work and more time than jittered ones.',
];

type Result = MeanResult & { name: string };

const table = (results: readonly Result[], baseline: Result): string[] =>
  renderTable(
    [
      'strategy',
      'completed',
      'calls',
      'calls /base',
      'completion ms',
      'time /base',
    ],
    results.map((r) => [
      r.name,
      r.completed,
      Number(r.calls.toFixed(1)),
      ratio(r.calls, baseline.calls),
      r.completionInMillis,
      ratio(r.completionInMillis, baseline.completionInMillis),
    ]),
  );

/**
 * Backoff strategies against a service that sheds load: total calls and
 * completion time for 100 clients, in simulated time.
 */
export const backoffSection: Section = {
  name: 'backoff',
  run: async (): Promise<SectionResult> => {
    const results = strategies.map(([name, backoff]) => ({
      name,
      ...meanOf(backoff),
    }));
    const [baseline] = results;
    if (baseline === undefined) throw new Error('no baseline strategy');
    const leastWork = results.reduce((a, b) => (b.calls < a.calls ? b : a));
    return {
      title:
        '3. Backoff strategies, 100 clients against a load-shedding service',
      lines: [...setting(), '', ...table(results, baseline), '', ...published],
      goals: [
        {
          description:
            'full jitter does the least work, as published ' +
            `(least: ${leastWork.name})`,
          met: leastWork.name.startsWith('full jitter'),
          enforced: false,
        },
      ],
    };
  },
};
