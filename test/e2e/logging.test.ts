import { describe, expect, it } from 'vitest';
import { useStack } from './support/stack';

const local = useStack({
  env: { LOG_LEVEL: 'INFO', BREAKER_FAILURE_THRESHOLD: '1000' },
});

/** The structured log lines the function printed since `offset`. */
const logLinesSince = (offset: number): string[] =>
  local.stack
    .apiOutputSince(offset)
    .split('\n')
    .filter((line) => line.includes('"level":'));

describe('the function logs', () => {
  it('write nothing at INFO for a healthy call', async () => {
    const offset = local.stack.apiOutputMark();

    const response = await local.api('/payments/pay_healthy0001/status');

    expect(response.status).toBe(200);
    // Offline prints the request's report after the handler's own output.
    await local.outputLine(offset, /RequestId: .* Duration:/);
    expect(logLinesSince(offset)).toEqual([]);
  });

  it('name a failing payment by its last four characters only', async () => {
    await local.simulator.addFaults({ kind: 'status', status: 503, count: 3 });
    const offset = local.stack.apiOutputMark();

    const response = await local.api('/payments/pay_secret9876/status');

    expect(response.status).toBe(503);
    await local.outputLine(offset, /"message":"serving fallback"/);
    const lines = logLinesSince(offset);
    expect(lines.some((line) => line.includes('"paymentId":"…9876"'))).toBe(
      true,
    );
    expect(lines.join('\n')).not.toContain('pay_secret9876');
  });
});
