import type { Context } from 'aws-lambda';
import type { ResilienceLogger } from '../src/logger';

const ignore = (): void => undefined;

/** A logger that drops everything: benchmarks measure work, not logging. */
export const silentLogger: ResilienceLogger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
};

const sixSecondsLeft = (): number => 6_000;

/**
 * A fresh Lambda context, as each real invocation gets: the pipeline is kept
 * on the context, so reusing one object would skip its per-call creation.
 */
export const lambdaContext = (): Context =>
  ({
    functionName: 'bench',
    awsRequestId: 'bench',
    getRemainingTimeInMillis: sixSecondsLeft,
  }) as unknown as Context;

/** A clock moved by hand, so time-based rules run without waiting. */
export interface ManualClock {
  (): number;
  advance(millis: number): void;
}

/** A {@link ManualClock} starting at `startInMillis`. */
export const manualClock = (startInMillis = Date.now()): ManualClock => {
  let nowInMillis = startInMillis;
  const clock = (() => nowInMillis) as ManualClock;
  clock.advance = (millis) => {
    nowInMillis += millis;
  };
  return clock;
};

/** Waits until the next turn of the event loop. */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));
