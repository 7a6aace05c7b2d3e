import { describe, expect, it } from 'vitest';
import {
  AttemptTimeoutError,
  CircuitOpenError,
  isClientError,
  isDependencyFailure,
  PaymentNotFoundError,
  UpstreamStatusError,
} from '../../src/errors';

describe('UpstreamStatusError', () => {
  it.each([429, 500, 502, 503, 504])('marks status %i retryable', (status) => {
    expect(new UpstreamStatusError(status).retryable).toBe(true);
  });

  it.each([400, 401, 403, 409, 422, 501, 505])(
    'marks status %i not retryable',
    (status) => {
      expect(new UpstreamStatusError(status).retryable).toBe(false);
    },
  );

  it('carries the wait the dependency asked for', () => {
    const error = new UpstreamStatusError(429, { retryAfterInMillis: 2_000 });

    expect(error.retryAfterInMillis).toBe(2_000);
  });
});

describe('error type guards', () => {
  it('tells client errors from dependency failures', () => {
    const notFound = new PaymentNotFoundError('gone');
    const timeout = new AttemptTimeoutError(2_000);

    expect(isClientError(notFound)).toBe(true);
    expect(isDependencyFailure(notFound)).toBe(false);
    expect(isDependencyFailure(timeout)).toBe(true);
    expect(isClientError(timeout)).toBe(false);
  });

  it('names each error after its class and keeps a stable code', () => {
    const error = new CircuitOpenError('payments');

    expect(error.name).toBe('CircuitOpenError');
    expect(error.code).toBe('CIRCUIT_OPEN');
    expect(error.reason).toBe('circuit_open');
  });
});
