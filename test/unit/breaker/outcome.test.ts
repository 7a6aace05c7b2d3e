import { describe, expect, it } from 'vitest';
import { CallOutcome, classifyError } from '../../../src/breaker/outcome';
import {
  AttemptTimeoutError,
  BulkheadFullError,
  DeadlineExceededError,
  InvalidPaymentIdError,
  InvalidUpstreamResponseError,
  PaymentNotFoundError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../../../src/errors';

describe('classifyError', () => {
  it.each([
    ['a 500', new UpstreamStatusError(500)],
    ['a 503', new UpstreamStatusError(503)],
    ['a 429', new UpstreamStatusError(429)],
    ['a network error', new UpstreamNetworkError('reset')],
    ['an attempt timeout', new AttemptTimeoutError(300)],
  ])('counts %s as a failure', (_, error) => {
    expect(classifyError(error)).toBe(CallOutcome.failure);
  });

  it.each([
    ['a 400', new UpstreamStatusError(400)],
    ['a 404', new UpstreamStatusError(404)],
    ['a 409', new UpstreamStatusError(409)],
    ['an unknown payment', new PaymentNotFoundError('unknown payment')],
    ['our own validation error', new InvalidPaymentIdError('bad id')],
  ])('ignores %s: 4xx answers neither count nor reset', (_, error) => {
    expect(classifyError(error)).toBe(CallOutcome.ignored);
  });

  it.each([
    ['a malformed body', new InvalidUpstreamResponseError('bad body')],
    ['a passed deadline', new DeadlineExceededError('no time left')],
    ['a full bulkhead', new BulkheadFullError('payments')],
    ['a bug', new TypeError('undefined is not a function')],
  ])('ignores %s', (_, error) => {
    expect(classifyError(error)).toBe(CallOutcome.ignored);
  });
});
