/**
 * Resilience middlewares for AWS Lambda handlers built with Middy: deadline
 * and attempt timeouts, retries with full jitter and a retry budget,
 * fallbacks with last known good answers, a circuit breaker whose state is
 * shared by the whole fleet through DynamoDB, and bulkheads.
 *
 * Handlers run their downstream calls through {@link resilience}:
 * `await resilience(context).execute((scope) => call(scope.signal), { signal })`.
 */

export * from './breaker';
export * from './bulkhead';
export type { Clock, RandomSource } from './clock';
export { systemClock, systemRandom } from './clock';
export * from './deadline';
export { createDocumentClient } from './dynamoDb/documentClient';
export * from './errors';
export * from './fallback';
export {
  type HttpResponse,
  jsonError,
  jsonResponse,
} from './http/jsonResponse';
export { defaultLogger, type ResilienceLogger, redactId } from './logger';
export * from './metrics';
export { bulkhead } from './middlewares/bulkhead';
export {
  type CircuitBreakerMiddleware,
  type CircuitBreakerMiddlewareOptions,
  circuitBreaker,
} from './middlewares/circuitBreaker';
export { fallback } from './middlewares/fallback';
export {
  type HttpErrorResponseOptions,
  httpErrorResponse,
} from './middlewares/httpErrorResponse';
export {
  type MetricsMiddlewareOptions,
  metrics,
} from './middlewares/metrics';
export { retry } from './middlewares/retry';
export { timeouts } from './middlewares/timeouts';
export { parsePaymentId } from './paymentService/paymentId';
export {
  PaymentServiceClient,
  type PaymentServiceClientOptions,
  type PaymentStatus,
} from './paymentService/paymentServiceClient';
export {
  type CallScope,
  type ExecuteOptions,
  type Operation,
  Pipeline,
  PipelineStage,
  type Policy,
  pipelineFor,
  resilience,
} from './pipeline';
