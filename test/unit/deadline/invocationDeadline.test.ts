import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/deadline/deadline';
import {
  attemptTimeoutFor,
  invocationDeadline,
} from '../../../src/deadline/invocationDeadline';

const budget = { reserveInMillis: 300, defaultBudgetInMillis: 3_000 };

describe('invocationDeadline', () => {
  it('ends the reserve before the Lambda runs out of time', () => {
    const context = { getRemainingTimeInMillis: () => 6_000 };

    const deadline = invocationDeadline(context, budget, () => 1_000);

    expect(deadline.expiresAtInMillis).toBe(6_700);
  });

  it('has no time left when the remaining time is below the reserve', () => {
    const context = { getRemainingTimeInMillis: () => 200 };

    const deadline = invocationDeadline(context, budget, () => 1_000);

    expect(deadline.remainingInMillis()).toBe(0);
    expect(deadline.hasPassed()).toBe(true);
  });

  it('reads the remaining time of a durable context', () => {
    const context = { lambdaContext: { getRemainingTimeInMillis: () => 900 } };

    const deadline = invocationDeadline(context, budget, () => 0);

    expect(deadline.expiresAtInMillis).toBe(600);
  });

  it('uses the default budget whole when the context cannot tell the time', () => {
    const deadline = invocationDeadline({}, budget, () => 1_000);

    expect(deadline.expiresAtInMillis).toBe(4_000);
  });
});

describe('attemptTimeoutFor', () => {
  it('gives the attempt timeout when the deadline is further away', () => {
    const deadline = new Deadline(10_000, () => 0);

    expect(attemptTimeoutFor(2_000, deadline)).toBe(2_000);
  });

  it('gives only the time left when the deadline is nearer', () => {
    const deadline = new Deadline(10_000, () => 9_250);

    expect(attemptTimeoutFor(2_000, deadline)).toBe(750);
  });

  it('gives zero once the deadline has passed', () => {
    const deadline = new Deadline(10_000, () => 10_500);

    expect(attemptTimeoutFor(2_000, deadline)).toBe(0);
  });
});
