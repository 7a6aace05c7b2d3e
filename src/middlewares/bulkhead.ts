import type { MiddlewareObj, Request } from '@middy/core';
import { Bulkhead, type BulkheadOptions } from '../bulkhead/bulkhead';
import { pipelineFor } from '../pipeline';

export type { BulkheadOptions } from '../bulkhead/bulkhead';

/**
 * Bounds the handler's concurrent calls to one dependency (see
 * {@link Bulkhead}). The bulkhead is made once, when the middleware is
 * created, so its permits are shared by every invocation of this Lambda
 * environment; a full bulkhead refuses with `BulkheadFullError`, which the
 * fallback answers as a 503 with reason `bulkhead_full`.
 *
 * @example
 * ```ts
 * export const handler = middy(getPaymentStatus)
 *   .use(bulkhead({ name: 'paymentService', maxConcurrent: 10 }))
 *   .use(timeouts());
 * ```
 * @throws {ConfigurationError} at cold start when an option is out of range.
 */
export const bulkhead = (options: BulkheadOptions): MiddlewareObj => {
  const policy = new Bulkhead(options);

  const bulkheadMiddlewareBefore = (request: Request): void => {
    pipelineFor(request).use(policy);
  };

  return { before: bulkheadMiddlewareBefore };
};
