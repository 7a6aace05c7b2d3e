import { beforeEach, describe, expect, it } from 'vitest';
import { resetBreaker } from '../../src/breaker/operator';
import { DynamoDbBreakerStore } from '../../src/breaker/store/dynamoDbBreakerStore';
import { useStack } from './support/stack';

// One attempt per request, so "five failing calls" are five requests; the
// parallel case turns retries back on, where a breaker matters most.
const baseEnv = {
  RETRY_MAX_ATTEMPTS: '1',
  BREAKER_FAILURE_THRESHOLD: '5',
  BREAKER_RESET_TIMEOUT_SECONDS: '2',
};
const local = useStack({ env: baseEnv });

const breaker = 'paymentService';
let requestNumber = 0;

// A payment never answered before, so no last good answer hides the 503.
const statusOfNewPayment = () => {
  requestNumber += 1;
  return local.api(`/payments/pay_breaker_${requestNumber}/status`);
};

const serviceIsDown = () =>
  local.simulator.addFaults({ kind: 'status', status: 503, probability: 1 });

const sleep = (millis: number) =>
  new Promise((resolve) => setTimeout(resolve, millis));

const reasonOf = async (response: Response): Promise<unknown> =>
  ((await response.json()) as { error?: { reason?: unknown } }).error?.reason;

const openTheCircuit = async () => {
  await serviceIsDown();
  for (let i = 0; i < 5; i++) await statusOfNewPayment();
};

describe('the circuit breaker through serverless offline', () => {
  beforeEach(async () => {
    const store = new DynamoDbBreakerStore({
      tableName: local.stack.breakerTable,
      endpoint: local.stack.dynamoDbEndpoint,
      timeoutInMillis: 2_000,
    });
    await resetBreaker(store, breaker);
    await local.stack.restartApi(baseEnv);
    await local.simulator.reset();
  });

  it('refuses calls after five failures, without reaching the service', async () => {
    await openTheCircuit();

    const refused = [
      await statusOfNewPayment(),
      await statusOfNewPayment(),
      await statusOfNewPayment(),
    ];

    expect((await local.simulator.stats()).requests).toBe(5);
    for (const response of refused) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^[12]$/);
      expect(await reasonOf(response)).toBe('circuit_open');
    }
  });

  it('sends one probe after the reset timeout and closes on its success', async () => {
    await openTheCircuit();
    await local.simulator.reset();
    await sleep(2_100);

    const probe = await statusOfNewPayment();
    const after = await statusOfNewPayment();

    expect(probe.status).toBe(200);
    expect(after.status).toBe(200);
    expect((await local.simulator.stats()).requests).toBe(2);
  });

  it('keeps the circuit open across a restart of serverless offline', async () => {
    // Open long enough to outlast the restart.
    await local.stack.restartApi({ BREAKER_RESET_TIMEOUT_SECONDS: '60' });
    await openTheCircuit();
    await local.simulator.reset();

    await local.stack.restartApi();
    const response = await statusOfNewPayment();

    expect(response.status).toBe(503);
    expect(await reasonOf(response)).toBe('circuit_open');
    expect((await local.simulator.stats()).requests).toBe(0);
  });

  it('lets 20 parallel requests reach a dead service at most threshold + 20 times', async () => {
    // dynalite runs in this test process; twenty cold workers on two cores
    // can hold its answers past the 200 ms store timeout, and the breaker
    // then fails open by design, letting uncounted calls through. A real
    // DynamoDB answers in milliseconds; the outage policy has its own
    // integration tests, so this case gives the store room and tests only
    // fleet-wide counting.
    await local.stack.restartApi({
      RETRY_MAX_ATTEMPTS: '3',
      BREAKER_STORE_TIMEOUT_MS: '1000',
    });
    await serviceIsDown();

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => statusOfNewPayment()),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(503));
    expect((await local.simulator.stats()).requests).toBeLessThanOrEqual(
      5 + 20,
    );
  });
});
