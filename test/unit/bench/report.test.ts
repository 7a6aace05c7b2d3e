import { describe, expect, it } from 'vitest';
import { failedGoals, type SectionResult } from '../../../bench/report';

const section = (
  goals: { met: boolean; enforced: boolean }[],
): SectionResult => ({
  title: 'section',
  lines: [],
  goals: goals.map((g, i) => ({ description: `goal ${i}`, ...g })),
});

describe('failedGoals', () => {
  it('lists the enforced goals that were missed', () => {
    const results = [
      section([
        { met: true, enforced: true },
        { met: false, enforced: true },
      ]),
      section([{ met: false, enforced: true }]),
    ];

    expect(failedGoals(results).map((g) => g.description)).toEqual([
      'goal 1',
      'goal 0',
    ]);
  });

  it('ignores missed goals that are not enforced', () => {
    const results = [section([{ met: false, enforced: false }])];

    expect(failedGoals(results)).toEqual([]);
  });
});
