import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../local/simulatorFaults';

const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length] ?? 0;
};

describe('FaultPlan', () => {
  it('answers normally when no fault is in effect', () => {
    const plan = new FaultPlan(() => 0);

    expect(plan.take()).toBeUndefined();
  });

  it('applies a counted fault to exactly that many requests', () => {
    const plan = new FaultPlan(() => 0);
    plan.add([{ kind: 'hang', count: 2 }]);

    const actions = [plan.take(), plan.take(), plan.take()];

    expect(actions.map((action) => action?.kind)).toEqual([
      'hang',
      'hang',
      undefined,
    ]);
  });

  it('applies faults in the order they were added', () => {
    const plan = new FaultPlan(() => 0);
    plan.add([
      { kind: 'reset', count: 1 },
      { kind: 'badBody', count: 1 },
    ]);

    const kinds = [plan.take()?.kind, plan.take()?.kind];

    expect(kinds).toEqual(['reset', 'badBody']);
  });

  it('applies a probabilistic fault when the draw is below its probability', () => {
    const plan = new FaultPlan(sequence(0.2, 0.8, 0.49));
    plan.add([{ kind: 'hang', probability: 0.5 }]);

    const kinds = [plan.take()?.kind, plan.take()?.kind, plan.take()?.kind];

    expect(kinds).toEqual(['hang', undefined, 'hang']);
  });

  it('reports the remaining uses of counted faults', () => {
    const plan = new FaultPlan(() => 0);
    plan.add([{ kind: 'reset', count: 3 }]);

    plan.take();

    expect(plan.pending()).toEqual([{ kind: 'reset', count: 3, remaining: 2 }]);
  });

  it('forgets every fault on clear', () => {
    const plan = new FaultPlan(() => 0);
    plan.add([{ kind: 'reset', probability: 1 }]);

    plan.clear();

    expect(plan.take()).toBeUndefined();
  });
});
