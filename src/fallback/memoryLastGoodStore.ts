import { requireInteger } from '../options';
import type { LastGoodAnswer, LastGoodStore } from './lastGoodStore';

/** Options of {@link MemoryLastGoodStore}. */
export interface MemoryLastGoodStoreOptions {
  /** Answers kept; the least recently used goes first. @default 1000 */
  maxEntries?: number;
}

/**
 * A bounded least-recently-used map of last known good answers, kept in the
 * memory of one Lambda environment: each environment fills its own, and it
 * is lost when the environment is recycled.
 */
export class MemoryLastGoodStore implements LastGoodStore {
  /** How many answers are kept. */
  readonly maxEntries: number;
  // A Map iterates in insertion order, so re-inserting on use keeps the
  // least recently used entry first.
  private readonly answers = new Map<string, LastGoodAnswer>();

  /** @throws {ConfigurationError} unless `maxEntries` is a positive integer. */
  constructor(options: MemoryLastGoodStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1_000;
    requireInteger('maxEntries', this.maxEntries, 1);
  }

  /** Answers kept right now. */
  get size(): number {
    return this.answers.size;
  }

  get(key: string): LastGoodAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  put(key: string, answer: LastGoodAnswer): void {
    this.answers.delete(key);
    this.answers.set(key, answer);
    if (this.answers.size > this.maxEntries) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
  }
}
