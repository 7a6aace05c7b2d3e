import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/deadline/deadline';

const clockAt = (start: number) => {
  let nowInMillis = start;
  return {
    now: () => nowInMillis,
    advance: (millis: number) => {
      nowInMillis += millis;
    },
  };
};

describe('Deadline', () => {
  it('keeps the reserve out of the time calls may use', () => {
    const clock = clockAt(1_000);

    const deadline = Deadline.fromRemainingTime(6_000, 300, clock.now);

    expect(deadline.expiresAtInMillis).toBe(6_700);
    expect(deadline.remainingInMillis()).toBe(5_700);
  });

  it('lets state writes use the reserve once the deadline has passed', () => {
    const clock = clockAt(0);
    const deadline = Deadline.fromRemainingTime(6_000, 300, clock.now);

    clock.advance(5_800);

    expect(deadline.hasPassed()).toBe(true);
    expect(deadline.remainingInMillis()).toBe(0);
    expect(deadline.remainingForStateWritesInMillis()).toBe(200);
  });

  it('never reserves more than the time that is left', () => {
    const clock = clockAt(0);

    const deadline = Deadline.fromRemainingTime(100, 300, clock.now);

    expect(deadline.remainingInMillis()).toBe(0);
    expect(deadline.remainingForStateWritesInMillis()).toBe(100);
  });

  it('never passes when built with never()', () => {
    const deadline = Deadline.never(() => 0);

    expect(deadline.hasPassed()).toBe(false);
    expect(deadline.remainingForStateWritesInMillis()).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
