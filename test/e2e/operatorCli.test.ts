import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runBin } from '../integration/cli/runBin';
import { useStack } from './support/stack';

const local = useStack();

// The deployed breaker's name (functions/resilience.ts).
const breaker = 'paymentService';
// The cache TTL is 1 s by default; three give the fleet ample time.
const withinMillis = 3_000;

let calls = 0;
// A fresh id per call: a remembered answer for an id called before could
// otherwise be served stale and hide the refusal.
const freshPath = () => `/payments/pay_cli_${++calls}/status`;

const breakerCli = (...args: string[]) =>
  runBin([
    ...args,
    '--endpoint',
    local.stack.dynamoDbEndpoint,
    '--table',
    local.stack.breakerTable,
  ]);

/** Calls the API until it answers `status`, or gives the last answer. */
const firstAnswerWith = async (status: number): Promise<Response> => {
  const giveUpAt = Date.now() + withinMillis;
  for (;;) {
    const response = await local.api(freshPath());
    if (response.status === status || Date.now() >= giveUpAt) return response;
    await response.arrayBuffer();
    await sleep(100);
  }
};

describe('the operator CLI against the running function', () => {
  it('stops calls within one cache TTL of a forced open, and lets them flow after reset', async () => {
    expect((await local.api(freshPath())).status).toBe(200);

    const opened = await breakerCli('open', breaker);
    expect(opened.exitCode).toBe(0);

    const refused = await firstAnswerWith(503);
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.reason).toBe('circuit_open');

    await local.simulator.reset();
    const refusedAgain = await local.api(freshPath());
    expect(refusedAgain.status).toBe(503);
    expect((await refusedAgain.json()).error.reason).toBe('circuit_open');
    expect((await local.simulator.stats()).requests).toBe(0);

    const reset = await breakerCli('reset', breaker);
    expect(reset.exitCode).toBe(0);

    expect((await firstAnswerWith(200)).status).toBe(200);
    const shown = await breakerCli('show', breaker, '--json');
    expect(JSON.parse(shown.stdout).breaker).toMatchObject({
      state: 'CLOSED',
      changedBy: 'operator',
    });
  });
});
