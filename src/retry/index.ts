export { type BackoffOptions, fullJitterDelayInMillis } from './backoff';
export { maxRetryAfterInMillis, parseRetryAfter } from './retryAfter';
export {
  RetryBudget,
  type RetryBudgetOptions,
  retryBudgetDefaults,
} from './retryBudget';
export {
  type RetryConfig,
  type RetryOptions,
  resolveRetryOptions,
  retryDefaults,
} from './retryOptions';
export { RetryPolicy } from './retryPolicy';
export { cancellableSleep } from './sleep';
