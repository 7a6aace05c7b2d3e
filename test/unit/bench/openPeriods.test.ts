import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../bench/fleet';
import { openPeriods } from '../../../bench/openPeriods';

const call = (environment: number): FleetEvent => ({
  kind: 'call',
  environment,
});
const opened = (environment: number): FleetEvent => ({
  kind: 'opened',
  environment,
});

describe('openPeriods', () => {
  it('counts the calls that came before each open', () => {
    const events = [call(0), opened(0), call(3), call(4), opened(4)];

    expect(openPeriods(events).callsPerPeriod).toEqual([1, 2]);
  });

  it('reports calls after the last open as trailing', () => {
    const events = [call(0), opened(0), call(1)];

    expect(openPeriods(events)).toEqual({
      callsPerPeriod: [1],
      trailingCalls: 1,
    });
  });

  it('counts a period without a call as zero', () => {
    expect(openPeriods([opened(0), opened(1)]).callsPerPeriod).toEqual([0, 0]);
  });

  it('keeps to one environment when asked', () => {
    const events = [call(0), call(1), opened(1), call(0), opened(0)];

    expect(openPeriods(events, 0).callsPerPeriod).toEqual([2]);
    expect(openPeriods(events, 1).callsPerPeriod).toEqual([1]);
  });
});
