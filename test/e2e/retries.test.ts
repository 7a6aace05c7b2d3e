import { beforeEach, describe, expect, it } from 'vitest';
import { paymentRecordFor } from '../../local/simulatorPayments';
import { useStack } from './support/stack';

// A breaker threshold no test here reaches: these cases are about retries
// and fallbacks, and a circuit opened by one case would answer the next.
// Logs at INFO so a test can read which error the fallback answered.
const local = useStack({
  env: { BREAKER_FAILURE_THRESHOLD: '1000', LOG_LEVEL: 'INFO' },
});

const statusOf = (paymentId: string) =>
  local.api(`/payments/${paymentId}/status`);

describe('retries, deadline and fallback through serverless offline', () => {
  beforeEach(() => local.simulator.reset());

  it('answers 200 after two 503s, with exactly three calls to the service', async () => {
    await local.simulator.addFaults({ kind: 'status', status: 503, count: 2 });

    const response = await statusOf('pay_retry_1');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(paymentRecordFor('pay_retry_1'));
    const stats = await local.simulator.stats();
    expect(stats.requests).toBe(3);
    expect(stats.outcomes).toMatchObject({ status: 2, ok: 1 });
  });

  it('retries a 429 only after the second its Retry-After asks for', async () => {
    await local.simulator.addFaults({
      kind: 'status',
      status: 429,
      retryAfter: 1,
      count: 1,
    });

    const response = await statusOf('pay_retry_2');

    expect(response.status).toBe(200);
    const { requests, arrivalsInMillis } = await local.simulator.stats();
    expect(requests).toBe(2);
    const [first = 0, second = 0] = arrivalsInMillis;
    expect(second - first).toBeGreaterThanOrEqual(1_000);
  });

  it('answers with the fallback before the function timeout when the service never answers', async () => {
    await local.simulator.addFaults({ kind: 'hang', probability: 1 });
    const outputBefore = local.stack.apiOutputMark();

    const response = await statusOf('pay_retry_3');

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await response.json()).toEqual({
      error: {
        code: 'PAYMENT_SERVICE_UNAVAILABLE',
        message:
          'Payment service is currently unavailable. Please try again later.',
        reason: expect.stringMatching(/^(timeout|retries_exhausted)$/),
      },
    });
    // The fallback names the error it answered: the deadline logic's own
    // give-up, not Middy's last-resort early timeout (which has no code),
    // and serverless offline never reported a Lambda timeout.
    const fallbackLine = await local.outputLine(
      outputBefore,
      /"message":"serving fallback"/,
    );
    expect(fallbackLine).toMatch(
      /"errorCode":"(RETRIES_EXHAUSTED|DEADLINE_EXCEEDED)"/,
    );
    expect(local.stack.apiOutputSince(outputBefore)).not.toMatch(
      /Lambda timeout/i,
    );
    expect((await local.simulator.stats()).requests).toBeGreaterThanOrEqual(2);
  });

  it('makes no call for a request that fails validation', async () => {
    const response = await statusOf('a%20b');

    expect(response.status).toBe(400);
    expect((await local.simulator.stats()).requests).toBe(0);
  });

  it('serves the last good answer, marked stale, while the service fails', async () => {
    const fresh = await statusOf('pay_retry_5');
    expect(fresh.status).toBe(200);
    await local.simulator.addFaults({
      kind: 'status',
      status: 503,
      probability: 1,
    });

    const response = await statusOf('pay_retry_5');

    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('stale');
    expect(response.headers.get('age')).toMatch(/^\d+$/);
    expect(await response.json()).toEqual(paymentRecordFor('pay_retry_5'));
  });
});

describe('last good answers kept in DynamoDB', () => {
  beforeEach(() => local.simulator.reset());

  it('serves an answer remembered before every environment restarted', async () => {
    await local.stack.restartApi({ LAST_GOOD_IN_DYNAMODB: 'true' });
    const fresh = await statusOf('pay_retry_6');
    expect(fresh.status).toBe(200);
    await local.stack.restartApi();
    await local.simulator.addFaults({
      kind: 'status',
      status: 503,
      probability: 1,
    });

    const response = await statusOf('pay_retry_6');

    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('stale');
    expect(await response.json()).toEqual(paymentRecordFor('pay_retry_6'));
  });
});
