import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors';
import { resolveFallbackOptions } from '../../../src/fallback/fallbackOptions';
import { MemoryLastGoodStore } from '../../../src/fallback/memoryLastGoodStore';

describe('resolveFallbackOptions', () => {
  it('applies the documented defaults', () => {
    const config = resolveFallbackOptions();

    expect(config).toMatchObject({
      statusCode: 503,
      code: 'PAYMENT_SERVICE_UNAVAILABLE',
      message:
        'Payment service is currently unavailable. Please try again later.',
      defaultRetryAfterInSeconds: 5,
      maxAgeInMillis: 300_000,
      staleHeaders: { 'x-cache': 'stale' },
      reasons: {},
    });
    expect(config.cacheKey).toBeUndefined();
    expect(config.store).toBeInstanceOf(MemoryLastGoodStore);
  });

  it('sizes the default store with maxEntries', () => {
    const config = resolveFallbackOptions({ maxEntries: 7 });

    expect((config.store as MemoryLastGoodStore).maxEntries).toBe(7);
  });

  it.each([
    [{ statusCode: 5 }, /statusCode/],
    [{ defaultRetryAfterInSeconds: -1 }, /defaultRetryAfterInSeconds/],
    [{ maxAgeInMillis: Number.NaN }, /maxAgeInMillis/],
    [{ maxEntries: 0 }, /maxEntries/],
  ])('rejects %j at construction', (options, message) => {
    expect(() => resolveFallbackOptions(options)).toThrow(ConfigurationError);
    expect(() => resolveFallbackOptions(options)).toThrow(message);
  });
});
