import { beforeEach, describe, expect, it } from 'vitest';
import { paymentRecordFor } from '../../local/simulatorPayments';
import { useStack } from './support/stack';

const local = useStack();

const expectJsonError = async (response: Response, code?: string) => {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body).toMatchObject({
    error: { code: code ?? expect.any(String), message: expect.any(String) },
  });
  expect(JSON.stringify(body)).not.toMatch(/stack|\bat \//);
};

describe('GET /payments/{paymentId}/status', () => {
  beforeEach(() => local.simulator.reset());

  it('answers 200 with the payment service JSON for a known payment', async () => {
    const response = await local.api('/payments/pay_123/status');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(paymentRecordFor('pay_123'));
    expect((await local.simulator.stats()).requests).toBe(1);
  });

  it('answers 404 PAYMENT_NOT_FOUND for a payment the service does not know', async () => {
    const response = await local.api('/payments/unknown_1/status');

    expect(response.status).toBe(404);
    await expectJsonError(response, 'PAYMENT_NOT_FOUND');
  });

  it.each([
    ['too long', `/payments/${'a'.repeat(65)}/status`],
    ['a space', '/payments/a%20b/status'],
    ['non-ASCII', '/payments/%C3%A9/status'],
    ['an encoded slash', '/payments/..%2Fadmin/status'],
    ['a NUL byte', '/payments/%00/status'],
  ])(
    'answers 400 INVALID_PAYMENT_ID for an id with %s, calling nothing',
    async (_, path) => {
      const response = await local.api(path);

      expect(response.status).toBe(400);
      await expectJsonError(response, 'INVALID_PAYMENT_ID');
      expect((await local.simulator.stats()).requests).toBe(0);
    },
  );

  it.each(['/payments/a/b/status', '/payments//status'])(
    'leaves %s to the router, which answers 404 and calls nothing',
    async (path) => {
      const response = await local.api(path);

      expect(response.status).toBe(404);
      expect((await local.simulator.stats()).requests).toBe(0);
    },
  );

  it('answers a JSON 5xx error when the payment service fails', async () => {
    await local.simulator.addFaults({
      kind: 'status',
      status: 503,
      probability: 1,
    });

    // An id never answered before, so no last known good answer exists.
    const response = await local.api('/payments/pay_never_answered/status');

    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(response.status).toBeLessThan(600);
    await expectJsonError(response);
    expect((await local.simulator.stats()).outcomes.status).toBeGreaterThan(0);
  });
});
