import { describe, expect, it } from 'vitest';
import * as library from '../../src/index';

describe('the library entry point', () => {
  it('exports every middleware and the pipeline accessor', () => {
    for (const name of [
      'timeouts',
      'retry',
      'fallback',
      'circuitBreaker',
      'bulkhead',
      'metrics',
      'httpErrorResponse',
      'resilience',
    ]) {
      expect(library).toHaveProperty(name, expect.any(Function));
    }
  });

  it('exports the typed errors with their stable codes', () => {
    expect(new library.CircuitOpenError('payments').code).toBe('CIRCUIT_OPEN');
    expect(new library.BulkheadFullError('payments').reason).toBe(
      'bulkhead_full',
    );
  });
});
