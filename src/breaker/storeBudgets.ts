import type { CallScope } from '../pipeline';

/** Time a read before the call may use: what is left before the deadline. */
export const readBudget = (scope: CallScope): number =>
  scope.deadline.remainingInMillis();

/**
 * Time a state write after (or around) the call may use: what is left before
 * the deadline plus the reserve, so a call cut off at the deadline is still
 * counted and a probe's verdict still written.
 */
export const writeBudget = (scope: CallScope): number =>
  scope.deadline.remainingForStateWritesInMillis();
