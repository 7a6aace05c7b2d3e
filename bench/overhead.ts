import { importBundled } from './bundle';
import { lambdaContext, nextTurn } from './fixtures';
import { compareVariants, type Variant } from './measure';
import type { Section, SectionResult } from './report';
import type { BenchHandler, LayerName } from './stacks';
import * as unbundled from './stacks';
import type { TimingSummary } from './stats';
import { formatNumber, ratio, renderTable } from './table';

const answer = { status: 'SETTLED' };

/** The in-process stub: one turn of the event loop, then a small object. */
const stub = async (): Promise<typeof answer> => {
  await nextTurn();
  return answer;
};

type Stacks = typeof unbundled;

const invoke = (handler: BenchHandler) => () =>
  handler(unbundled.statusEvent, lambdaContext());

const names = {
  bare: '(a) bare Middy handler',
  ours: '(b) our stack',
  cockatiel: '(c) cockatiel retry+breaker+timeout',
} as const;

const oursUnderTsx = '(b) unbundled, under tsx';
const withoutCacheKey = '+ fallback, no last-good key';

// Cumulative subsets of our stack, to see what each middleware adds. The
// timeouts come first: the fallback alone installs no pipeline.
const steps: readonly (readonly [string, readonly LayerName[]])[] = [
  ['timeouts', ['timeouts']],
  ['+ retry', ['timeouts', 'retry']],
  ['+ circuitBreaker (memory)', ['timeouts', 'retry', 'circuitBreaker']],
  ['+ bulkhead', ['timeouts', 'retry', 'circuitBreaker', 'bulkhead']],
];

const variants = (stacks: Stacks): Variant[] => {
  const ours = (only?: readonly LayerName[]) =>
    invoke(stacks.resilientHandler(stub, {}, only));
  const noKey = stacks.resilientHandler(stub, { rememberAnswers: false });
  return [
    { name: names.bare, run: invoke(stacks.bareHandler(stub)) },
    { name: names.ours, run: ours() },
    { name: names.cockatiel, run: invoke(stacks.cockatielHandler(stub)) },
    ...steps.map(([name, only]) => ({ name, run: ours(only) })),
    { name: withoutCacheKey, run: invoke(noKey) },
    { name: oursUnderTsx, run: invoke(unbundled.resilientHandler(stub)) },
  ];
};

type Results = Map<string, TimingSummary>;

const summaryOf = (results: Results, name: string): TimingSummary => {
  const summary = results.get(name);
  if (summary === undefined) throw new Error(`no timings for ${name}`);
  return summary;
};

const comparison = (results: Results): string[] => {
  const bare = summaryOf(results, names.bare);
  const rows = Object.values(names).map((name) => {
    const { medianInMicros, p99InMicros } = summaryOf(results, name);
    return [
      name,
      medianInMicros,
      p99InMicros,
      medianInMicros - bare.medianInMicros,
      p99InMicros - bare.p99InMicros,
      ratio(medianInMicros, bare.medianInMicros),
      ratio(p99InMicros, bare.p99InMicros),
    ];
  });
  const header = ['variant', 'median µs', 'p99 µs', '+median µs', '+p99 µs'];
  return renderTable([...header, 'median /(a)', 'p99 /(a)'], rows);
};

const breakdown = (results: Results): string[] => {
  // [label, variant]: the last row is the full stack under another label.
  const chain: [string, string][] = [
    [names.bare, names.bare],
    ...steps.map(([name]): [string, string] => [name, name]),
    [withoutCacheKey, withoutCacheKey],
    [`${names.ours} (+ last-good key)`, names.ours],
  ];
  const timing = (i: number) => summaryOf(results, chain[i]?.[1] ?? names.bare);
  const rows = chain.map(([label], i) => {
    const { medianInMicros, p99InMicros } = timing(i);
    return [
      label,
      medianInMicros,
      medianInMicros - timing(Math.max(0, i - 1)).medianInMicros,
      p99InMicros,
    ];
  });
  const header = ['cumulative stack', 'median µs', 'adds µs', 'p99 µs'];
  return renderTable(header, rows);
};

const render = (results: Results): string[] => {
  const ours = summaryOf(results, names.ours);
  const theirs = summaryOf(results, names.cockatiel);
  return [
    ...comparison(results),
    '',
    `(b)/(c): median ${ratio(ours.medianInMicros, theirs.medianInMicros)}, ` +
      `p99 ${ratio(ours.p99InMicros, theirs.p99InMicros)}; ` +
      `${formatNumber(ours.samples)} timed calls per variant, alternating`,
    `Code bundled as deployed (esbuild, minified). ${oursUnderTsx}: median ` +
      `${formatNumber(summaryOf(results, oursUnderTsx).medianInMicros)} µs ` +
      '(tsx wraps named closures in __name calls).',
    '',
    ...breakdown(results),
  ];
};

/**
 * Healthy-path overhead per invocation: a bare Middy handler, our full
 * stack and cockatiel's policies around the same in-process stub, timed in
 * alternating rounds, plus what each of our middlewares adds.
 */
export const overheadSection: Section = {
  name: 'overhead',
  run: async (): Promise<SectionResult> => {
    const stacks = await importBundled<Stacks>('bench/stacks.ts');
    const results = await compareVariants(variants(stacks), {
      warmupCalls: 5_000,
      timedCalls: 100_000,
      rounds: 50,
    });
    return {
      title: '1. Healthy-path overhead per invocation (in-process stub)',
      lines: render(results),
      goals: [],
    };
  },
};
