export { BreakerReporter } from './breakerReporter';
export {
  type CircuitBreakerOptions,
  StoreFailurePolicy,
} from './circuitBreakerOptions';
export { CircuitBreakerPolicy } from './circuitBreakerPolicy';
export {
  type ForceOptions,
  forceBreaker,
  type OperatorState,
  resetBreaker,
} from './operator';
export {
  CallOutcome,
  classifyError,
  type ErrorClassifier,
} from './outcome';
export type { BreakerRuleOptions } from './rules';
export {
  type BreakerRecord,
  BreakerState,
  type WindowBucket,
} from './state';
export { TransitionReason } from './stateMachine';
export type {
  BreakerStore,
  CountUpdate,
  StoreCallOptions,
  Transition,
} from './store/breakerStore';
export {
  DynamoDbBreakerStore,
  type DynamoDbBreakerStoreOptions,
} from './store/dynamoDbBreakerStore';
export { breakerKeyPrefix } from './store/dynamoDbItem';
export { MemoryBreakerStore } from './store/memoryBreakerStore';
