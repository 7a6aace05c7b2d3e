import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../local/simulator';

describe('the payment-service simulator', () => {
  let simulator: Simulator;
  const get = (path: string) => fetch(`${simulator.url}${path}`);
  const post = (path: string, body?: unknown) =>
    fetch(`${simulator.url}${path}`, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeEach(async () => {
    simulator = await startSimulator({ random: () => 0 });
  });

  afterEach(() => simulator.close());

  it('answers a known payment with the same record every time', async () => {
    const first = await (await get('/status/pay_123')).json();
    const second = await (await get('/status/pay_123')).json();

    expect(first).toEqual(second);
    expect(first).toMatchObject({
      paymentId: 'pay_123',
      status: expect.stringMatching(
        /^(pending|authorized|captured|failed|refunded)$/,
      ),
      amount: expect.any(Number),
      currency: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('answers 404 JSON for an unknown payment', async () => {
    const response = await get('/status/unknown');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error: { code: 'PAYMENT_NOT_FOUND', message: 'no such payment' },
    });
  });

  it('answers 429 with Retry-After while the fault lasts', async () => {
    await post('/__faults', { kind: 'status', status: 429, retryAfter: 3 });

    const faulty = await get('/status/pay_1');
    const healthy = await get('/status/pay_1');

    expect(faulty.status).toBe(429);
    expect(faulty.headers.get('retry-after')).toBe('3');
    expect(healthy.status).toBe(200);
  });

  it('answers normally after an injected delay', async () => {
    simulator.addFaults({ kind: 'delay', delayInMillis: 20 });

    const response = await get('/status/pay_1');

    expect(response.status).toBe(200);
    expect(simulator.stats().delayed).toBe(1);
  });

  it('answers 200 with a body that is not JSON on badBody', async () => {
    simulator.addFaults({ kind: 'badBody' });

    const response = await get('/status/pay_1');

    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('drops the connection on reset', async () => {
    simulator.addFaults({ kind: 'reset' });

    await expect(get('/status/pay_1')).rejects.toThrow('fetch failed');
  });

  it('closes while a request hangs, dropping that request', async () => {
    simulator.addFaults({ kind: 'hang' });
    const hanging = get('/status/pay_1');
    await expect.poll(() => simulator.stats().outcomes.hang).toBe(1);

    await simulator.close();

    await expect(hanging).rejects.toThrow('fetch failed');
  });

  it('rejects a bad fault with 400 and changes nothing', async () => {
    const response = await post('/__faults', {
      faults: [{ kind: 'hang' }, { kind: 'status', status: 200 }],
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'INVALID_FAULT',
        message: expect.stringContaining('faults[1]'),
      },
    });
    expect((await get('/status/pay_1')).status).toBe(200);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await fetch(`${simulator.url}/__faults`, {
      method: 'POST',
      body: '{',
    });

    expect(response.status).toBe(400);
  });

  it('counts requests per outcome and clears them on reset', async () => {
    await post('/__faults', { kind: 'status', status: 503 });
    await get('/status/pay_1');
    await get('/status/pay_1');
    await get('/status/nope');

    const stats = await (await get('/__stats')).json();
    await post('/__reset');
    const cleared = await (await get('/__stats')).json();

    expect(stats).toMatchObject({
      requests: 3,
      outcomes: { ok: 1, notFound: 1, status: 1 },
    });
    expect(cleared).toMatchObject({ requests: 0, outcomes: { ok: 0 } });
  });

  it('does not count control requests as calls to the service', async () => {
    await get('/__faults');
    await get('/__stats');

    expect(simulator.stats().requests).toBe(0);
  });
});
