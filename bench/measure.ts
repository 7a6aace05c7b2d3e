import { summarize, type TimingSummary } from './stats';

/** One variant of a comparison: a name and one operation to time. */
export interface Variant {
  name: string;
  run: () => Promise<unknown>;
}

/** Options of {@link compareVariants}. */
export interface CompareOptions {
  /** Untimed calls per variant first, so the JIT settles. */
  warmupCalls: number;
  /** Timed calls per variant, spread over rounds. */
  timedCalls: number;
  /** Rounds; variants alternate each round so drift hits all of them alike. */
  rounds: number;
}

/**
 * Times every variant, alternating them round by round, and returns the
 * median and p99 per call of each.
 */
export const compareVariants = async (
  variants: readonly Variant[],
  options: CompareOptions,
): Promise<Map<string, TimingSummary>> => {
  for (const variant of variants) {
    for (let i = 0; i < options.warmupCalls; i += 1) await variant.run();
  }
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  const callsPerRound = Math.ceil(options.timedCalls / options.rounds);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const variant of variants) {
      const into = samples.get(variant.name) ?? [];
      await timeCalls(variant, callsPerRound, into);
    }
  }
  return new Map(
    [...samples].map(([name, timings]) => [name, summarize(timings)]),
  );
};

const timeCalls = async (variant: Variant, calls: number, into: number[]) => {
  for (let i = 0; i < calls; i += 1) {
    const start = process.hrtime.bigint();
    await variant.run();
    into.push(Number(process.hrtime.bigint() - start));
  }
};
