import type { MiddlewareObj, Request } from '@middy/core';
import { pipelineFor } from '../pipeline';
import { type RetryOptions, resolveRetryOptions } from '../retry/retryOptions';
import { RetryPolicy } from '../retry/retryPolicy';

export type { RetryOptions } from '../retry/retryOptions';

/**
 * Retries the handler's downstream calls (never the whole invocation) with
 * exponential backoff, full jitter, `Retry-After` and a retry budget; see
 * {@link RetryPolicy} for the rules. The policy and its budget are made once,
 * when the middleware is created, so the budget is shared by every
 * invocation of this Lambda environment.
 *
 * @example
 * ```ts
 * export const handler = middy(async (event, context, { signal }) => {
 *   const status = await resilience(context).execute(
 *     (scope) => client.getStatus(id, { signal: scope.signal }),
 *     { signal },
 *   );
 *   return { statusCode: 200, body: JSON.stringify(status) };
 * })
 *   .use(retry({ maxAttempts: 3, baseDelayInMillis: 100 }))
 *   .use(timeouts());
 * ```
 * @throws {ConfigurationError} at cold start when an option is out of range.
 */
export const retry = (options: RetryOptions = {}): MiddlewareObj => {
  const policy = new RetryPolicy(resolveRetryOptions(options));

  const retryMiddlewareBefore = (request: Request): void => {
    pipelineFor(request).use(policy);
  };

  return { before: retryMiddlewareBefore };
};
