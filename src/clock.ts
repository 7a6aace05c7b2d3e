/** A source of the current time in epoch milliseconds; injected so tests need no real time. */
export type Clock = () => number;

/** A source of uniform random numbers in [0, 1); injected so tests are deterministic. */
export type RandomSource = () => number;

// Wrapped rather than aliased so that fake timers installed after this module
// loads (vitest's, sinon's) still control it.

/** The real clock. */
export const systemClock: Clock = () => Date.now();

/** The real random source. */
export const systemRandom: RandomSource = () => Math.random();
