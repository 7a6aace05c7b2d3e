import type { Clock } from '../clock';
import { Deadline } from './deadline';

/** The part of a Lambda (or Middy durable) context that tells the time left. */
export interface RemainingTimeContext {
  getRemainingTimeInMillis?: () => number;
  lambdaContext?: { getRemainingTimeInMillis?: () => number };
}

/** How an invocation's deadline is computed; see {@link invocationDeadline}. */
export interface DeadlineBudget {
  /** Kept back from the remaining time for the fallback and the response. */
  reserveInMillis: number;
  /** The whole budget when the context cannot tell its remaining time. */
  defaultBudgetInMillis: number;
}

/**
 * The invocation's deadline: the Lambda's remaining time minus the reserve,
 * or `defaultBudgetInMillis` from now when the context has no remaining-time
 * function (Middy's durable context keeps it under `lambdaContext`).
 */
export const invocationDeadline = (
  context: RemainingTimeContext,
  budget: DeadlineBudget,
  now: Clock,
): Deadline => {
  const remainingInMillis =
    context.getRemainingTimeInMillis?.() ??
    context.lambdaContext?.getRemainingTimeInMillis?.();
  if (remainingInMillis === undefined) {
    return new Deadline(now() + budget.defaultBudgetInMillis, now);
  }
  return Deadline.fromRemainingTime(
    remainingInMillis,
    budget.reserveInMillis,
    now,
  );
};

/**
 * How long the next attempt may take: the attempt timeout, or less when the
 * deadline is nearer. Zero means no attempt can start.
 */
export const attemptTimeoutFor = (
  attemptTimeoutInMillis: number,
  deadline: Deadline,
): number => Math.min(attemptTimeoutInMillis, deadline.remainingInMillis());
