import type { Clock } from '../clock';
import type { BreakerReporter } from './breakerReporter';
import type { StoreFailurePolicy } from './circuitBreakerOptions';
import { type BreakerRecord, initialRecord } from './state';
import {
  type BreakerStore,
  type CountUpdate,
  isBudgetSpent,
  type Transition,
} from './store/breakerStore';

/** Marks a store call that failed; the failure policy decides what follows. */
export const storeUnavailable = Symbol('storeUnavailable');

/** A write that found the item changed by someone else; nothing was written. */
export const writeLost = Symbol('writeLost');

/**
 * A store call skipped or cut short because the caller had no time left:
 * not the store's fault, so the store is not marked down.
 */
export const outOfTime = Symbol('outOfTime');

/** What a read answers: the record, or why there is none. */
export type ReadAnswer =
  | BreakerRecord
  | typeof storeUnavailable
  | typeof outOfTime;

/** What a write answers: the record written, or why there is none. */
export type WriteAnswer = ReadAnswer | typeof writeLost;

/**
 * This environment's view of one breaker's shared record: a cache with a
 * TTL in front of the store, one read at a time, every write's answer kept
 * as the newest view, and store errors reported rather than thrown. After a
 * store error the store is left alone for one TTL, so an outage costs one
 * timeout per TTL rather than one per call. A call the caller's budget
 * could not cover is skipped (or given up) without blaming the store.
 */
export class SharedRecord {
  private record: BreakerRecord | undefined;
  private fetchedAtInMillis = Number.NEGATIVE_INFINITY;
  private storeDownUntilInMillis = Number.NEGATIVE_INFINITY;
  private pendingRead: Promise<ReadAnswer> | undefined;

  constructor(
    private readonly name: string,
    private readonly store: BreakerStore,
    private readonly cacheTtlInMillis: number,
    private readonly now: Clock,
    private readonly reporter: BreakerReporter,
    private readonly failurePolicy: StoreFailurePolicy,
    private readonly writerId: string,
  ) {}

  /** The cached record while it is younger than the TTL. */
  fresh(nowInMillis: number): BreakerRecord | undefined {
    return nowInMillis - this.fetchedAtInMillis < this.cacheTtlInMillis
      ? this.record
      : undefined;
  }

  /** The newest record known, however old; undefined before the first read. */
  latest(): BreakerRecord | undefined {
    return this.record;
  }

  /**
   * Reads the record (one read shared by concurrent callers). The shared
   * read is limited by the time of the caller who started it; a caller who
   * joined it with more time left reads again on its own if it ran out.
   */
  async load(
    budgetInMillis: number,
    consistentRead = false,
  ): Promise<ReadAnswer> {
    // A consistent read follows a lost race: an older read in flight won't do.
    if (consistentRead) return this.read(budgetInMillis, true);
    const pending = this.pendingRead;
    if (pending === undefined) return this.startSharedRead(budgetInMillis);
    const joinedAtInMillis = this.now();
    const answer = await pending;
    if (answer !== outOfTime) return answer;
    const leftInMillis = budgetInMillis - (this.now() - joinedAtInMillis);
    return leftInMillis > 0 ? this.read(leftInMillis, false) : answer;
  }

  private startSharedRead(budgetInMillis: number): Promise<ReadAnswer> {
    const reading = this.read(budgetInMillis, false).finally(() => {
      this.pendingRead = undefined;
    });
    this.pendingRead = reading;
    return reading;
  }

  /**
   * Adds counts. When the circuit is no longer closed nothing is written and
   * the record is read again. A restart of an idle-expired count that finds
   * the item no longer expired is not followed by a read: the caller adds
   * next, and that write's answer is the newer view.
   */
  async addCounts(
    update: CountUpdate,
    budgetInMillis: number,
  ): Promise<WriteAnswer> {
    const written = await this.call('addCounts', budgetInMillis, () =>
      this.store.addCounts(update, { budgetInMillis }),
    );
    if (typeof written === 'symbol') return written;
    if (written !== undefined) return this.remember(written);
    if (update.onlyIfExpiredBy !== undefined) return writeLost;
    await this.load(budgetInMillis, true);
    return writeLost;
  }

  /**
   * Writes a transition, signed with this environment's id. When the
   * condition fails the record is read again (consistently): if it shows
   * this very write, whose answer was lost to a timeout and a retry, the
   * write counts as done.
   */
  async transition(
    unsigned: Transition,
    budgetInMillis: number,
  ): Promise<WriteAnswer> {
    const next = { ...unsigned.next, changedBy: this.writerId };
    const transition = { ...unsigned, next };
    const written = await this.call('transition', budgetInMillis, () =>
      this.store.transition(transition, { budgetInMillis }),
    );
    if (typeof written === 'symbol') return written;
    if (written !== undefined) return this.remember(written);
    const reread = await this.load(budgetInMillis, true);
    return typeof reread !== 'symbol' && isSameWrite(reread, transition.next)
      ? reread
      : writeLost;
  }

  /**
   * Keeps `record` as the newest view, fresh from now. An eventually
   * consistent read may answer after a write of this environment and show
   * an older version: the newer view is kept (and counts as fresh). Write
   * answers and consistent reads are always taken, since an item deleted
   * by its TTL legitimately starts again at version 0.
   */
  remember(record: BreakerRecord, authoritative = true): BreakerRecord {
    const known = this.record;
    this.fetchedAtInMillis = this.now();
    if (!authoritative && known !== undefined && record.version < known.version)
      return known;
    this.record = record;
    return record;
  }

  private async read(
    budgetInMillis: number,
    consistentRead: boolean,
  ): Promise<ReadAnswer> {
    const record = await this.call('get', budgetInMillis, () =>
      this.store.get(this.name, { budgetInMillis, consistentRead }),
    );
    if (typeof record === 'symbol') return record;
    return this.remember(record ?? initialRecord(this.name), consistentRead);
  }

  private async call<T>(
    operation: string,
    budgetInMillis: number,
    request: () => Promise<T>,
  ): Promise<T | typeof storeUnavailable | typeof outOfTime> {
    if (this.now() < this.storeDownUntilInMillis) return storeUnavailable;
    if (budgetInMillis <= 0) return this.skipped(operation);
    try {
      const answer = await request();
      this.reporter.storeAnswered();
      return answer;
    } catch (error) {
      if (isBudgetSpent(error)) return this.skipped(operation);
      this.reporter.storeError(operation, error, this.failurePolicy);
      this.storeDownUntilInMillis = this.now() + this.cacheTtlInMillis;
      return storeUnavailable;
    }
  }

  private skipped(operation: string): typeof outOfTime {
    this.reporter.storeCallSkipped(operation);
    return outOfTime;
  }
}

const isSameWrite = (stored: BreakerRecord, next: BreakerRecord): boolean =>
  stored.version === next.version && stored.changedBy === next.changedBy;
