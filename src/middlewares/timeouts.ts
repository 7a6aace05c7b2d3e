import type { MiddlewareObj, Request } from '@middy/core';
import { AttemptTimeoutPolicy } from '../deadline/attemptTimeoutPolicy';
import {
  invocationDeadline,
  type RemainingTimeContext,
} from '../deadline/invocationDeadline';
import {
  resolveTimeoutsOptions,
  type TimeoutsOptions,
} from '../deadline/timeoutsOptions';
import { pipelineFor } from '../pipeline';

export type { TimeoutsOptions } from '../deadline/timeoutsOptions';

/**
 * Sets the invocation's deadline (the Lambda's remaining time minus a
 * reserve) and gives every downstream attempt its own timeout. Middy's
 * `{ signal }` passed to `execute` aborts every attempt at Middy's early
 * timeout, so no second invocation-wide timer is started.
 *
 * @example
 * ```ts
 * export const handler = middy(async (event, context, { signal }) => {
 *   const status = await resilience(context).execute(
 *     (scope) => client.getStatus(id, { signal: scope.signal }),
 *     { signal },
 *   );
 *   return { statusCode: 200, body: JSON.stringify(status) };
 * }).use(timeouts({ attemptTimeoutInMillis: 1_000 }));
 * ```
 * @throws {ConfigurationError} at cold start when an option is out of range.
 */
export const timeouts = (options: TimeoutsOptions = {}): MiddlewareObj => {
  const config = resolveTimeoutsOptions(options);
  const policy = new AttemptTimeoutPolicy(
    config.attemptTimeoutInMillis,
    config.minAttemptTimeInMillis,
  );

  const timeoutsMiddlewareBefore = (request: Request): void => {
    const pipeline = pipelineFor(request, config.now);
    pipeline.deadline = invocationDeadline(
      request.context as RemainingTimeContext,
      config,
      config.now,
    );
    pipeline.use(policy);
  };

  return { before: timeoutsMiddlewareBefore };
};
